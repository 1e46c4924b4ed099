package br.com.ponte.collection;

import br.com.ponte.collection.bank.BankData;
import br.com.ponte.collection.bank.BankPage;
import br.com.ponte.collection.domain.Json;
import br.com.ponte.collection.domain.Operation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.Mock;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bank of this module's tests, in place of {@link BankData}: it serves spec-shaped pages (data,
 * links with a {@code pagination-key} on follow-up pages, meta) from what a test put in it, per
 * resource id (each test makes its own ids, so tests do not meet), filters transactions by their
 * date parameters (transactions-current: the last 7 days only), and records every call. A test can
 * make the next calls of an operation answer 429 with a Retry-After, or 503. The real path,
 * sandbox-bank over mutual TLS, is devstack's.
 */
@Mock
@Singleton
public class StandInBank extends BankData {

    /** A call the bank received. */
    public record Call(Operation operation, String resourceId, String billId, Map<String, String> query, boolean followUp) {
    }

    private final Map<String, JsonNode> answers = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> transactions = new ConcurrentHashMap<>();
    private final Map<String, List<JsonNode>> pendingPages = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttle = new ConcurrentHashMap<>();
    private final Map<String, Duration> retryAfter = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> unavailable = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
    public final List<Call> calls = new CopyOnWriteArrayList<>();

    public StandInBank() {
        super(null);
    }

    private static String key(Operation op, String resourceId, String billId) {
        return op + "|" + (resourceId == null ? "" : resourceId) + "|" + (billId == null ? "" : billId);
    }

    /** What the bank answers to {@code op} (its {@code data}); for lists, paged. */
    public void answer(Operation op, String resourceId, String billId, JsonNode data) {
        answers.put(key(op, resourceId, billId), data);
    }

    /** The transactions of an account or card, as the bank holds them now (replaced whole). */
    public void transactions(String resourceId, List<ObjectNode> items) {
        transactions.put(resourceId, new CopyOnWriteArrayList<>(items));
    }

    public List<ObjectNode> transactionsOf(String resourceId) {
        return transactions.get(resourceId);
    }

    /** The next {@code times} first pages of {@code op} for this resource answer 429 with this Retry-After. */
    public void throttle(Operation op, String resourceId, int times, Duration wait) {
        throttle.put(key(op, resourceId, null), new AtomicInteger(times));
        retryAfter.put(key(op, resourceId, null), wait);
    }

    public void unavailable(Operation op, String resourceId, int times) {
        unavailable.put(key(op, resourceId, null), new AtomicInteger(times));
    }

    /** The next {@code times} first pages of {@code op} for this resource answer 403 (the consent not usable there). */
    public void refuse(Operation op, String resourceId, int times) {
        refused.put(key(op, resourceId, null), new AtomicInteger(times));
    }

    public List<Call> callsOf(Operation op, String resourceId) {
        return calls.stream().filter(c -> c.operation() == op && java.util.Objects.equals(c.resourceId(), resourceId)).toList();
    }

    @Override
    public Uni<BankPage> first(String partnerId, String transmitter, String accessToken, Operation op, String resourceId,
                               String billId, Map<String, String> query) {
        calls.add(new Call(op, resourceId, billId, Map.copyOf(query), false));
        String key = key(op, resourceId, null);
        AtomicInteger limited = throttle.get(key);
        if (limited != null && limited.getAndDecrement() > 0) {
            ObjectNode body = error("LIMITE_OPERACIONAL_ATINGIDO");
            return Uni.createFrom().item(new BankPage(429, body, retryAfter.get(key)));
        }
        AtomicInteger down = unavailable.get(key);
        if (down != null && down.getAndDecrement() > 0) {
            return Uni.createFrom().item(new BankPage(503, error("INDISPONIVEL"), null));
        }
        AtomicInteger refusing = refused.get(key);
        if (refusing != null && refusing.getAndDecrement() > 0) {
            return Uni.createFrom().item(new BankPage(403, error("FORBIDDEN"), null));
        }
        JsonNode data;
        if ((op.readsTransactions() && op != Operation.CREDIT_CARD_BILL_TRANSACTIONS)) {
            data = filtered(op, resourceId, query);
        } else {
            data = answers.get(key(op, resourceId, billId));
            if (data == null) {
                return Uni.createFrom().item(new BankPage(404, error("NAO_ENCONTRADO"), null));
            }
        }
        if (!data.isArray() || !op.paged()) {
            return Uni.createFrom().item(page(data, null, 1, 1));
        }
        int size = Integer.parseInt(query.getOrDefault("page-size", "25"));
        List<JsonNode> pages = new ArrayList<>();
        for (int from = 0; from < data.size() || from == 0; from += size) {
            ArrayNode slice = Json.MAPPER.createArrayNode();
            for (int i = from; i < Math.min(data.size(), from + size); i++) {
                slice.add(data.get(i));
            }
            pages.add(slice);
            if (data.size() == 0) {
                break;
            }
        }
        String token = UUID.randomUUID().toString();
        pendingPages.put(token, pages);
        return Uni.createFrom().item(page(pages.get(0), pages.size() > 1 ? next(token, 2) : null, 1, pages.size()));
    }

    @Override
    public Uni<BankPage> next(String partnerId, String transmitter, String accessToken, String url) {
        String token = url.replaceAll(".*pagination-key=([^&]+).*", "$1");
        int number = Integer.parseInt(url.replaceAll(".*[?&]page=(\\d+).*", "$1"));
        List<JsonNode> pages = pendingPages.get(token);
        calls.add(new Call(null, null, null, Map.of("url", url), true));
        return Uni.createFrom().item(page(pages.get(number - 1), number < pages.size() ? next(token, number + 1) : null, number,
                pages.size()));
    }

    private static String next(String token, int page) {
        return "https://bank.standin.test/open-banking/next?page=" + page + "&page-size=1000&pagination-key=" + token;
    }

    private JsonNode filtered(Operation op, String resourceId, Map<String, String> query) {
        String suffix = op.dateParameter().orElse("BookingDate");
        LocalDate from = LocalDate.parse(query.getOrDefault("from" + suffix, "0001-01-01"));
        LocalDate to = LocalDate.parse(query.getOrDefault("to" + suffix, "9999-12-31"));
        if (op == Operation.ACCOUNT_TRANSACTIONS_CURRENT || op == Operation.CREDIT_CARD_TRANSACTIONS_CURRENT) {
            LocalDate weekAgo = LocalDate.now(java.time.ZoneId.of("America/Sao_Paulo")).minusDays(6);
            from = from.isBefore(weekAgo) ? weekAgo : from;
        }
        ArrayNode data = Json.MAPPER.createArrayNode();
        for (ObjectNode t : transactions.getOrDefault(resourceId, List.of())) {
            LocalDate day = LocalDate.parse(t.path("transactionDateTime").asText().substring(0, 10));
            if (!day.isBefore(from) && !day.isAfter(to)) {
                data.add(t);
            }
        }
        return data;
    }

    private static BankPage page(JsonNode data, String next, int number, int pages) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("data", data);
        ObjectNode links = body.putObject("links").put("self", "https://bank.standin.test/open-banking/self?page=" + number);
        if (next != null) {
            links.put("next", next);
        }
        body.putObject("meta").put("totalRecords", data.isArray() ? data.size() : 1).put("totalPages", pages)
                .put("requestDateTime", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        return new BankPage(200, body, null);
    }

    private static ObjectNode error(String code) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putArray("errors").addObject().put("code", code).put("title", code).put("detail", code);
        return body;
    }

    // Spec-shaped items

    /** An accounts API v2 transaction. */
    public static ObjectNode accountTransaction(String id, LocalDate day, String amount, String type) {
        ObjectNode t = Json.MAPPER.createObjectNode();
        t.put("transactionId", id);
        t.put("completedAuthorisedPaymentType", type);
        t.put("creditDebitType", "DEBITO");
        t.put("transactionName", "PIX ENVIADO " + id);
        t.put("type", "PIX");
        t.putObject("transactionAmount").put("amount", amount).put("currency", "BRL");
        t.put("transactionDateTime", day + "T12:00:00.000Z");
        t.put("partieCnpjCpf", "43908445778");
        t.put("partiePersonType", "PESSOA_NATURAL");
        return t;
    }

    /** A credit-cards API v2 transaction. */
    public static ObjectNode cardTransaction(String id, LocalDate day, String billId, String amount) {
        ObjectNode t = Json.MAPPER.createObjectNode();
        t.put("transactionId", id);
        t.put("identificationNumber", "4453");
        t.put("transactionName", "PADARIA " + id);
        if (billId != null) {
            t.put("billId", billId);
        }
        t.put("creditDebitType", "DEBITO");
        t.put("transactionType", "OPERACOES_CREDITO_CONTRATADAS_CARTAO");
        t.put("paymentType", "A_VISTA");
        t.put("transactionDateTime", day + "T10:00:00.000Z");
        t.put("billPostDate", day.toString());
        t.putObject("amount").put("amount", amount).put("currency", "BRL");
        return t;
    }
}
