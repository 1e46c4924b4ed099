package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.brand.ApiFamily;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.dataapis.DataOperation;
import br.com.ponte.sandbox.dataapis.DataSpecs;
import br.com.ponte.sandbox.fapi.Receiver.Grant;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static br.com.ponte.sandbox.fapi.Software.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receiving institution reading the data APIs with the user's token of one consent, as a collection
 * client does: mutual TLS, the certificate-bound token, an interaction id on every call. Every answer it
 * reads, successful or not, is checked against the spec of its API (the same documents the sandbox reads).
 */
final class Collector {

    /** Every data API's scope, with openid and resources: what a collection client asks for. */
    static final String DATA_SCOPES = "openid accounts credit-cards-accounts customers loans financings invoice-financings "
            + "unarranged-accounts-overdraft resources";
    private static DataSpecs specs;

    final Receiver receiver;
    final String consentId;
    final String token;

    Collector(Receiver receiver, String consentId, String token) {
        this.receiver = receiver;
        this.consentId = consentId;
        this.token = token;
    }

    /** A new receiver at the brand, a consent of the person {@code cpf} with these permissions, authorised by them. */
    static Collector of(Brand brand, String cpf, List<String> permissions, String... resources) {
        Receiver receiver = Receiver.register(brand);
        String consentId = receiver.createConsentId(Receiver.consentRequest(cpf, permissions, null));
        return new Collector(receiver, consentId, receiver.authoriseWithScopes(consentId, DATA_SCOPES, cpf, resources)
                .accessToken());
    }

    /** Another consent of the same receiver. */
    Collector another(String cpf, List<String> permissions, String... resources) {
        String other = receiver.createConsentId(Receiver.consentRequest(cpf, permissions, null));
        return new Collector(receiver, other, receiver.authoriseWithScopes(other, DATA_SCOPES, cpf, resources)
                .accessToken());
    }

    /** A company's consent, authorised by its representative {@code cpf}. */
    static Collector ofCompany(Brand brand, String cpf, String cnpj, List<String> permissions) {
        Receiver receiver = Receiver.register(brand);
        String consentId = receiver.createConsentId(Receiver.businessConsentRequest(cpf, cnpj, permissions, null));
        Grant grant = receiver.authoriseWithScopes(consentId, DATA_SCOPES, cpf);
        return new Collector(receiver, consentId, grant.accessToken());
    }

    /** {@code GET} of a path below the brand's issuer (query included). */
    HttpResponse<String> get(String path) {
        return get(path, token);
    }

    HttpResponse<String> get(String path, String bearer) {
        return fetch(receiver.tpp.url(path), bearer);
    }

    /** {@code GET} of a URL the sandbox gave (a link). */
    HttpResponse<String> follow(String url) {
        return fetch(url, token);
    }

    /**
     * The call, made again after a second when the client's rate (calls a second) was exceeded, as a client
     * honouring {@code Retry-After: 1} does; an operational limit's 429 (until next month) is answered as is.
     */
    private HttpResponse<String> fetch(String url, String bearer) {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = call(() -> receiver.tpp.tls.get(url, "Authorization", "Bearer " + bearer,
                    "Accept", Receiver.JSON, "x-fapi-interaction-id", UUID.randomUUID().toString()));
            if (response.statusCode() != 429 || !response.headers().firstValue("Retry-After").orElse("").equals("1")
                    || attempt == 3) {
                return response;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
        }
    }

    /** The operation's 200 answer at {@code path}, valid against its spec, with {@code x-v} where the spec has it. */
    JsonNode ok(DataOperation operation, String path) {
        return ok(operation, get(path));
    }

    static JsonNode ok(DataOperation operation, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("x-fapi-interaction-id")).isPresent();
        assertThat(response.headers().firstValue("x-v")).isEqualTo(switch (operation.family()) {
            case LOANS, UNARRANGED_ACCOUNTS_OVERDRAFT -> Optional.of("2.5.0");
            case FINANCINGS, INVOICE_FINANCINGS -> Optional.of("2.4.0");
            default -> Optional.empty();
        });
        JsonNode body = Json.of(response);
        assertValid(operation, body);
        return body;
    }

    static void assertValid(DataOperation operation, JsonNode body) {
        assertThat(specs().errors(operation, body).stream().map(ValidationMessage::getMessage)
                .collect(Collectors.toSet())).as("%s against %s", body, operation.schema()).isEmpty();
    }

    /** Asserts the refusal: its status and code, JSON, valid against the operation's error schema for it. */
    static JsonNode assertRefused(HttpResponse<String> response, DataOperation operation, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode body = Json.of(response);
        String schema = errorSchema(operation);
        assertThat(specs().document(operation.family()).errors(schema, body).stream().map(ValidationMessage::getMessage)
                .collect(Collectors.toSet())).as("%s against %s", body, schema).isEmpty();
        assertThat(body.at("/errors/0/code").asText()).isEqualTo(code);
        return body;
    }

    /**
     * Every item of a list, following {@code links.next} from the first page as a client does: each page valid,
     * each a next page's link with a {@code pagination-key}.
     */
    List<JsonNode> all(DataOperation operation, String path) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode page = ok(operation, path);
        page.get("data").forEach(items::add);
        while (page.at("/links/next").isTextual()) {
            String next = page.at("/links/next").asText();
            assertThat(URI.create(next).getRawQuery()).contains("pagination-key=");
            page = ok(operation, follow(next));
            page.get("data").forEach(items::add);
        }
        return items;
    }

    /** The error schema the operation's spec gives its refusals. */
    static String errorSchema(DataOperation operation) {
        boolean transactions = operation.name().contains("TRANSACTIONS") && operation != DataOperation.CARD_BILL_TRANSACTIONS;
        return switch (operation.family()) {
            case ACCOUNTS, CREDIT_CARDS_ACCOUNTS -> transactions ? "ResponseErrorMetaSingle" : "ResponseError";
            case LOANS, FINANCINGS, UNARRANGED_ACCOUNTS_OVERDRAFT -> "ResponseErrorWithAbleAdditionalProperties";
            default -> "ResponseError";
        };
    }

    static synchronized DataSpecs specs() {
        if (specs == null) {
            specs = new DataSpecs(Sandbox.issuer());
        }
        return specs;
    }

    static String path(ApiFamily family, String rest) {
        return family.base() + rest;
    }
}
