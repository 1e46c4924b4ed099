package br.com.ponte.collection.bank;

import br.com.ponte.collection.domain.Operation;
import br.com.ponte.fapi.BankConnection;
import br.com.ponte.fapi.BankConnections;
import br.com.ponte.fapi.Participants;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The seam to the banks' data APIs: one GET of an operation's first page, and of a follow-up page by
 * the URL the bank gave in {@code links.next}, with the user's access token over the partner's FAPI
 * connection (mutual TLS, {@code x-fapi-interaction-id}). The API's base comes from the directory
 * ({@code Api.base}: the listed endpoint without its path). Everything above this class (budget,
 * paging, storage) is the same against any bank; the module's tests replace only this class.
 * A 429's {@code Retry-After} goes with the page (null when the bank named none: the collector then
 * waits {@code retry-after-default}).
 */
@ApplicationScoped
public class BankData {

    private final BankConnections banks;

    public BankData(BankConnections banks) {
        this.banks = banks;
    }

    /** The first page of {@code op} for this resource (and bill), with its query (dates, page-size). */
    public Uni<BankPage> first(String partnerId, String transmitter, String accessToken, Operation op, String resourceId,
                               String billId, Map<String, String> query) {
        return banks.open(partnerId, transmitter).chain(bank -> {
            String url = base(bank.server(), op) + path(op, resourceId, billId) + queryString(query);
            return bank.get(url, accessToken).map(BankData::page);
        });
    }

    /** A follow-up page, by the URL of the previous page's {@code links.next}. */
    public Uni<BankPage> next(String partnerId, String transmitter, String accessToken, String url) {
        return banks.open(partnerId, transmitter).chain(bank -> bank.get(url, accessToken).map(BankData::page));
    }

    static BankPage page(BankConnection.Answer answer) {
        return new BankPage(answer.status(), answer.body(), answer.status() == 429 ? answer.retryAfter() : null);
    }

    /** The API's base at this bank, from the directory's listing of its family. */
    static String base(Participants.AuthorisationServer server, Operation op) {
        for (String family : op.api().familyTypes()) {
            String endpoint = server.apiEndpoints().get(family);
            if (endpoint != null) {
                return op.api().base(endpoint);
            }
        }
        return op.api().base(server.endpoint(op.api().familyTypes().get(0)));
    }

    public static String path(Operation op, String resourceId, String billId) {
        String path = op.path();
        if (resourceId != null) {
            path = path.replace("{id}", URLEncoder.encode(resourceId, StandardCharsets.UTF_8));
        }
        if (billId != null) {
            path = path.replace("{billId}", URLEncoder.encode(billId, StandardCharsets.UTF_8));
        }
        return path;
    }

    public static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        return "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
