package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.fapi.Tpp.Authorization;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static br.com.ponte.sandbox.fapi.Software.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receiving institution using consents v3 and resources v3 at one brand as the specs want: mutual
 * TLS, certificate-bound tokens, an interaction id on every call; the user's side driven through the
 * bank's authorisation page without a browser. Every body it sends and every answer it reads is
 * checked against the specs.
 */
final class Receiver {

    static final String CONSENTS = "/open-banking/consents/v3/consents";
    static final String RESOURCES = "/open-banking/resources/v3/resources";
    static final String JSON = "application/json";

    static final List<String> ACCOUNTS = List.of("ACCOUNTS_READ", "ACCOUNTS_BALANCES_READ", "RESOURCES_READ");
    static final List<String> ACCOUNT_TRANSACTIONS = List.of("ACCOUNTS_READ", "ACCOUNTS_TRANSACTIONS_READ",
            "RESOURCES_READ");
    static final List<String> ACCOUNT_LIMITS = List.of("ACCOUNTS_READ", "ACCOUNTS_OVERDRAFT_LIMITS_READ",
            "RESOURCES_READ");
    static final List<String> CARD_TRANSACTIONS = List.of("CREDIT_CARDS_ACCOUNTS_READ",
            "CREDIT_CARDS_ACCOUNTS_TRANSACTIONS_READ", "RESOURCES_READ");
    static final List<String> PERSONAL_ADDITIONAL_INFO = List.of("CUSTOMERS_PERSONAL_ADITTIONALINFO_READ", "RESOURCES_READ");
    static final List<String> BUSINESS_ADDITIONAL_INFO = List.of("CUSTOMERS_BUSINESS_ADITTIONALINFO_READ", "RESOURCES_READ");
    static final List<String> CARDS = List.of("CREDIT_CARDS_ACCOUNTS_READ", "CREDIT_CARDS_ACCOUNTS_LIMITS_READ",
            "RESOURCES_READ");
    static final List<String> CARD_BILLS = List.of("CREDIT_CARDS_ACCOUNTS_READ", "CREDIT_CARDS_ACCOUNTS_BILLS_READ",
            "CREDIT_CARDS_ACCOUNTS_BILLS_TRANSACTIONS_READ", "RESOURCES_READ");
    static final List<String> CREDIT_OPERATIONS = List.of("LOANS_READ", "LOANS_WARRANTIES_READ",
            "LOANS_SCHEDULED_INSTALMENTS_READ", "LOANS_PAYMENTS_READ", "FINANCINGS_READ", "FINANCINGS_WARRANTIES_READ",
            "FINANCINGS_SCHEDULED_INSTALMENTS_READ", "FINANCINGS_PAYMENTS_READ", "UNARRANGED_ACCOUNTS_OVERDRAFT_READ",
            "UNARRANGED_ACCOUNTS_OVERDRAFT_WARRANTIES_READ", "UNARRANGED_ACCOUNTS_OVERDRAFT_SCHEDULED_INSTALMENTS_READ",
            "UNARRANGED_ACCOUNTS_OVERDRAFT_PAYMENTS_READ", "INVOICE_FINANCINGS_READ", "INVOICE_FINANCINGS_WARRANTIES_READ",
            "INVOICE_FINANCINGS_SCHEDULED_INSTALMENTS_READ", "INVOICE_FINANCINGS_PAYMENTS_READ", "RESOURCES_READ");
    static final List<String> PERSONAL_REGISTRATION = List.of("CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ", "RESOURCES_READ");
    static final List<String> BUSINESS_REGISTRATION = List.of("CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ", "RESOURCES_READ");
    static final List<String> INVESTMENTS = List.of("BANK_FIXED_INCOMES_READ", "CREDIT_FIXED_INCOMES_READ", "FUNDS_READ",
            "VARIABLE_INCOMES_READ", "TREASURE_TITLES_READ", "RESOURCES_READ");
    static final List<String> EXCHANGE = List.of("EXCHANGES_READ", "RESOURCES_READ");

    final Tpp tpp;
    private String clientCredentials;

    Receiver(Tpp tpp) {
        this.tpp = tpp;
    }

    static Receiver register(Brand brand) {
        return new Receiver(Tpp.register(brand));
    }

    /** A client credentials token with scope consents (kept for the test). */
    String clientCredentials() {
        if (clientCredentials == null) {
            HttpResponse<String> response = tpp.token(Map.of("grant_type", "client_credentials", "scope", "consents"));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            clientCredentials = Json.of(response).get("access_token").asText();
        }
        return clientCredentials;
    }

    /** The groups' permissions, each once, in order. */
    @SafeVarargs
    static List<String> permissions(List<String>... groups) {
        Set<String> all = new LinkedHashSet<>();
        Arrays.stream(groups).forEach(all::addAll);
        return new ArrayList<>(all);
    }

    /** A consent request of a person; {@code expiration} null for an indefinite consent. */
    static ObjectNode consentRequest(String cpf, List<String> permissions, Instant expiration) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode data = body.putObject("data");
        data.putObject("loggedUser").putObject("document").put("identification", cpf).put("rel", "CPF");
        permissions.forEach(data.putArray("permissions")::add);
        if (expiration != null) {
            data.put("expirationDateTime", expiration.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        return body;
    }

    /** A consent request of a company's representative. */
    static ObjectNode businessConsentRequest(String cpf, String cnpj, List<String> permissions, Instant expiration) {
        ObjectNode body = consentRequest(cpf, permissions, expiration);
        ((ObjectNode) body.get("data")).putObject("businessEntity").putObject("document").put("identification", cnpj)
                .put("rel", "CNPJ");
        return body;
    }

    /** A call with this token, an interaction id and {@code Accept: application/json}; {@code headers} on top. */
    HttpResponse<String> send(String method, String path, String token, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + token, "Accept", JSON,
                "x-fapi-interaction-id", UUID.randomUUID().toString()));
        all.addAll(List.of(headers));
        return call(() -> tpp.tls.send(method, tpp.url(path), body == null ? null : JSON, body,
                all.toArray(String[]::new)));
    }

    HttpResponse<String> postConsent(JsonNode body, String... headers) {
        return send("POST", CONSENTS, clientCredentials(), body.toString(), headers);
    }

    /** Creates the consent (the request valid against the spec); answers the 201's {@code data}. */
    JsonNode createConsent(ObjectNode body) {
        SharingSpecCheck.assertValidConsents("CreateConsent", body);
        HttpResponse<String> response = postConsent(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("x-v")).hasValue("3.3.1");
        JsonNode answer = Json.of(response);
        SharingSpecCheck.assertValidConsents("ResponseConsent", answer);
        assertThat(answer.at("/links/self").asText())
                .isEqualTo(tpp.url(CONSENTS + "/" + answer.at("/data/consentId").asText()));
        return answer.get("data");
    }

    String createConsentId(ObjectNode body) {
        return createConsent(body).get("consentId").asText();
    }

    /** {@code GET /consents/{consentId}}: the answer's {@code data}, valid against the spec. */
    JsonNode consent(String consentId) {
        HttpResponse<String> response = send("GET", CONSENTS + "/" + consentId, clientCredentials(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = Json.of(response);
        SharingSpecCheck.assertValidConsents("ResponseConsentRead", answer);
        return answer.get("data");
    }

    HttpResponse<String> deleteConsent(String consentId) {
        return send("DELETE", CONSENTS + "/" + consentId, clientCredentials(), null);
    }

    /** The consent, read until {@code status} (a few seconds at most). */
    JsonNode consentUntil(String consentId, String status) throws InterruptedException {
        for (int attempt = 0; attempt < 40; attempt++) {
            JsonNode consent = consent(consentId);
            if (consent.get("status").asText().equals(status)) {
                return consent;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Consent " + consentId + " never became " + status + ": " + consent(consentId));
    }

    // --- the user's side ---

    /** The tokens of the user's authorisation of one consent. */
    record Grant(String accessToken, String refreshToken, Authorization authorization) {
    }

    /**
     * The authorisation request a receiving institution makes for a data consent: {@code code} with JARM
     * where the brand offers it, the hybrid flow elsewhere.
     */
    Authorization authorization(String consentId) {
        return Authorization.of(responseType()).withScope("openid accounts resources consent:" + consentId);
    }

    private String responseType() {
        return tpp.brand.jarm() ? "code" : "code id_token";
    }

    /** The bank's page for the request. */
    HttpResponse<String> page(String requestUri) {
        return call(() -> TlsClient.anonymous().get(tpp.url("/authorize?client_id=" + AuthorizationCodeFlowIT.encode(
                tpp.clientId) + "&request_uri=" + AuthorizationCodeFlowIT.encode(requestUri))));
    }

    /**
     * What the user does on the bank's page: {@code resources} are the accounts and cards ticked;
     * {@code explicit} sends {@code selection=explicit}, as the page's own form does.
     */
    HttpResponse<String> decide(String requestUri, String cpf, String decision, List<String> resources,
                                boolean explicit) {
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(new SimpleEntry<>("client_id", tpp.clientId));
        form.add(new SimpleEntry<>("request_uri", requestUri));
        form.add(new SimpleEntry<>("cpf", cpf));
        form.add(new SimpleEntry<>("decision", decision));
        if (explicit) {
            form.add(new SimpleEntry<>("selection", "explicit"));
        }
        resources.forEach(resource -> form.add(new SimpleEntry<>("resource", resource)));
        return call(() -> TlsClient.anonymous().postForm(tpp.url("/authorize"), form));
    }

    /** The user ({@code cpf}) approves sharing {@code resources} (none named: everything); answers the tokens. */
    Grant authorise(String consentId, String cpf, String... resources) {
        return authorise(authorization(consentId), cpf, resources);
    }

    /** The user approves a request of these scopes besides the consent's ({@code openid accounts ...}). */
    Grant authoriseWithScopes(String consentId, String scopes, String cpf, String... resources) {
        return authorise(Authorization.of(responseType()).withScope(scopes + " consent:" + consentId), cpf, resources);
    }

    private Grant authorise(Authorization authorization, String cpf, String... resources) {
        HttpResponse<String> redirect = decide(tpp.push(authorization), cpf, "approve", List.of(resources),
                resources.length > 0);
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(303);
        return exchange(redirect, authorization);
    }

    /** The code of an approval's redirect, exchanged. */
    Grant exchange(HttpResponse<String> redirect, Authorization authorization) {
        String location = redirect.headers().firstValue("Location").orElseThrow();
        String code = AuthorizationResponse.read(location, tpp.clientId, tpp.brand).get("code");
        assertThat(code).as(location).isNotNull();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", authorization.redirectUri());
        form.put("code_verifier", authorization.codeVerifier());
        HttpResponse<String> tokens = tpp.token(form);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = Json.of(tokens);
        return new Grant(body.get("access_token").asText(), body.get("refresh_token").asText(), authorization);
    }

    HttpResponse<String> resourcesCall(String token, String query) {
        return send("GET", RESOURCES + query, token, null);
    }

    /** {@code GET /resources} with the user's token: the whole answer, valid against the spec. */
    JsonNode resources(String token) {
        HttpResponse<String> response = resourcesCall(token, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-v")).hasValue("3.1.0");
        JsonNode answer = Json.of(response);
        SharingSpecCheck.assertValidResources("ResponseResourceList", answer);
        return answer;
    }

    /** The resources' statuses by id. */
    Map<String, String> statuses(String token) {
        Map<String, String> statuses = new LinkedHashMap<>();
        resources(token).get("data").forEach(resource -> statuses.put(resource.get("resourceId").asText(),
                resource.get("status").asText()));
        return statuses;
    }

    /** {@code POST /consents/{consentId}/extends} with the user's token and the user's headers. */
    HttpResponse<String> extend(String consentId, String token, JsonNode body) {
        return send("POST", CONSENTS + "/" + consentId + "/extends", token, body.toString(),
                "x-fapi-customer-ip-address", "203.0.113.7", "x-customer-user-agent", "Mozilla/5.0 (Ponte test)");
    }

    /** A renewal's body: the logged user, and the new expiry (null: indefinite). */
    static ObjectNode extensionRequest(String cpf, Instant expiration) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode data = body.putObject("data");
        if (expiration != null) {
            data.put("expirationDateTime", expiration.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        data.putObject("loggedUser").putObject("document").put("identification", cpf).put("rel", "CPF");
        return body;
    }

    /** Asserts the refusal: its status, JSON, valid against {@code schema} of consents v3, with {@code code}. */
    static JsonNode assertRefused(HttpResponse<String> response, int status, String schema, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode body = Json.of(response);
        SharingSpecCheck.assertValidConsents(schema, body);
        assertThat(body.at("/errors/0/code").asText()).isEqualTo(code);
        return body;
    }
}
