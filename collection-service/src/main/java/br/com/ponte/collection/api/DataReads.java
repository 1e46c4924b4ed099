package br.com.ponte.collection.api;

import br.com.ponte.collection.bank.Collector;
import br.com.ponte.collection.bank.LiveReads;
import br.com.ponte.collection.config.Policy;
import br.com.ponte.collection.domain.CollectedConsent;
import br.com.ponte.collection.domain.CollectionTask;
import br.com.ponte.collection.domain.ConsentStatus;
import br.com.ponte.collection.domain.Json;
import br.com.ponte.collection.domain.Operation;
import br.com.ponte.collection.domain.SharedResource;
import br.com.ponte.collection.persistence.StoredAnswers;
import br.com.ponte.collection.persistence.TransactionReads;
import br.com.ponte.kit.api.ApiException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reads behind the partner API: a consent and its resources checked to be the partner's (another
 * partner's ids are answered as not found), stored answers as the bank gave them, transactions by
 * date with a cursor, and live reads through {@link LiveReads}.
 */
@ApplicationScoped
public class DataReads {

    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 1000;

    private final StoredAnswers answers;
    private final TransactionReads transactions;
    private final LiveReads live;
    private final Policy policy;

    public DataReads(StoredAnswers answers, TransactionReads transactions, LiveReads live, Policy policy) {
        this.answers = answers;
        this.transactions = transactions;
        this.live = live;
        this.policy = policy;
    }

    /** The partner's consent; 404 when unknown or another partner's. */
    public Uni<CollectedConsent> consent(String partnerId, String consentId) {
        UUID id = ApiException.uuidOrNotFound(consentId, "sharing consent");
        return Panache.withSession(() -> CollectedConsent.findForPartner(id, partnerId)).map(consent -> {
            if (consent == null) {
                throw ApiException.notFound("No sharing consent " + consentId);
            }
            return consent;
        });
    }

    /** The consent's resource of this type; 404 otherwise. */
    public Uni<SharedResource> resource(CollectedConsent consent, String resourceId, String type) {
        return Panache.withSession(() -> SharedResource.find(consent.id, resourceId)).map(resource -> {
            if (resource == null || !resource.type.equals(type)) {
                throw ApiException.notFound("No " + type + " " + resourceId + " in sharing consent " + consent.id);
            }
            return resource;
        });
    }

    public Uni<DataResponse> resources(String partnerId, String consentId, String self) {
        return consent(partnerId, consentId).chain(consent -> Panache.withSession(() -> SharedResource.ofConsent(consent.id))
                .map(list -> {
                    ArrayNode data = Json.MAPPER.createArrayNode();
                    Instant latest = null;
                    for (SharedResource r : list) {
                        data.addObject().put("resourceId", r.resourceId).put("type", r.type).put("status", r.status.name());
                        latest = latest == null || r.updatedAt.isAfter(latest) ? r.updatedAt : latest;
                    }
                    return DataResponse.of(data, self, latest, DataResponse.Source.CACHE);
                }));
    }

    /**
     * A stored answer of {@code op} (for a resource of {@code type}, and a bill), or the bank's answer
     * now with {@code live}.
     */
    public Uni<DataResponse> answer(String partnerId, String consentId, Operation op, String resourceId, String billId,
                                    boolean live, String self) {
        return consent(partnerId, consentId).chain(consent -> {
            Uni<Void> checked = resourceId == null ? Uni.createFrom().voidItem()
                    : resource(consent, resourceId, op.resourceType()).replaceWithVoid();
            return checked.chain(() -> {
                if (live) {
                    requireAuthorised(consent);
                    return this.live.read(consent, op, resourceId, billId, Map.of())
                            .map(data -> DataResponse.of(data, self, Instant.now(), DataResponse.Source.LIVE));
                }
                return answers.get(consent.id, op, resourceId == null ? CollectionTask.WHOLE_CONSENT : resourceId, billId)
                        .map(stored -> {
                            if (stored == null) {
                                throw ApiException.notFound("Nothing collected yet for " + op + " of sharing consent " + consent.id
                                        + (resourceId == null ? "" : " resource " + resourceId)
                                        + ": read it live (live=true) or ask for a refresh");
                            }
                            return DataResponse.of(stored.data(), self, stored.collectedAt(), DataResponse.Source.CACHE);
                        });
            });
        });
    }

    /** The bills' transactions are kept per bill; a bill this card does not have is not found. */
    public Uni<DataResponse> billTransactions(String partnerId, String consentId, String cardId, String billId, boolean live,
                                              String self) {
        return answer(partnerId, consentId, Operation.CREDIT_CARD_BILL_TRANSACTIONS, cardId, billId, live, self);
    }

    static void requireAuthorised(CollectedConsent consent) {
        if (consent.status != ConsentStatus.AUTHORISED) {
            throw Problems.consentEnded(consent.status.name());
        }
    }

    /** What a transactions read asks for. */
    public record TransactionQuery(String from, String to, String cursor, Integer pageSize, boolean all, boolean live) {
    }

    /**
     * A resource's transactions from the store, by booking date then transactionId, a page at a time
     * ({@code cursor}, {@code page-size}) or all at once; with {@code live} the recent window
     * (transactions-current) is read at the bank first.
     */
    public Uni<DataResponse> transactions(String partnerId, String consentId, Operation full, String resourceId,
                                          TransactionQuery q, String self) {
        LocalDate from = date(full, "from", q.from());
        LocalDate to = date(full, "to", q.to());
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.unprocessable("INTERVALO_INVALIDO", "from" + full.dateParameter().orElse("") + " " + from
                    + " is after to" + full.dateParameter().orElse("") + " " + to);
        }
        int pageSize = q.pageSize() == null ? DEFAULT_PAGE_SIZE : q.pageSize();
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw Problems.invalid("page-size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        String[] after = cursor(q.cursor());
        LocalDate lower = from == null ? TransactionReads.NO_DATE : from;
        LocalDate upper = to == null ? TransactionReads.LAST_DATE : to;
        int limit = q.all() ? Integer.MAX_VALUE - 1 : pageSize;
        return consent(partnerId, consentId).chain(consent -> resource(consent, resourceId, full.resourceType()).chain(resource -> {
            Uni<Void> refreshed = Uni.createFrom().voidItem();
            if (q.live()) {
                requireAuthorised(consent);
                LocalDate today = policy.today(Instant.now());
                refreshed = live.read(consent, full.current(), resourceId, null, Collector.dates(full.current(), today.minusDays(6), today))
                        .replaceWithVoid();
            }
            return refreshed
                    .chain(() -> transactions.page(consent.id, resourceId, lower, upper, LocalDate.parse(after[0]), after[1], limit + 1))
                    .chain(rows -> transactions.count(consent.id, resourceId, lower, upper).chain(total -> collectedAt(consent, full, resourceId)
                            .map(collected -> {
                                boolean more = rows.size() > limit;
                                List<TransactionReads.Row> page = more ? rows.subList(0, limit) : rows;
                                ArrayNode data = Json.MAPPER.createArrayNode();
                                page.forEach(r -> data.add(r.body()));
                                String next = null;
                                if (more) {
                                    TransactionReads.Row last = page.get(page.size() - 1);
                                    next = encode(last.bookingDate(), last.transactionId());
                                }
                                int pages = q.all() ? 1 : (int) Math.max(1, (total + pageSize - 1) / pageSize);
                                return new DataResponse(data, new DataResponse.Links(self, next == null ? null
                                        : self + (self.contains("?") ? "&" : "?") + "cursor=" + next),
                                        new DataResponse.Meta(total, pages, DataResponse.now(), q.live() ? Instant.now() : collected,
                                                q.live() ? DataResponse.Source.LIVE : DataResponse.Source.CACHE, next));
                            })));
        }));
    }

    private static Uni<Instant> collectedAt(CollectedConsent consent, Operation full, String resourceId) {
        return Panache.withSession(() -> CollectionTask.find(consent.id, full, resourceId)).map(t -> t == null ? null : t.lastSuccessAt);
    }

    private static LocalDate date(Operation op, String side, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Problems.invalid(side + op.dateParameter().orElse("Date"), "'" + value + "' is not a date (yyyy-MM-dd)");
        }
    }

    static String encode(LocalDate date, String transactionId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((date + "|" + transactionId).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor's (date, transactionId); the start without one; 400 for one this API did not give. */
    static String[] cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return new String[]{TransactionReads.NO_DATE.toString(), ""};
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            if (bar != 10) {
                throw new IllegalArgumentException("no date");
            }
            LocalDate.parse(decoded.substring(0, bar));
            return new String[]{decoded.substring(0, bar), decoded.substring(bar + 1)};
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw Problems.invalid("cursor", "'" + cursor + "' is not a cursor this API gave");
        }
    }
}
