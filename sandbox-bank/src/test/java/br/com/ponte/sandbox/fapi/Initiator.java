package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.directory.SandboxParticipant;
import br.com.ponte.sandbox.fapi.Tpp.Authorization;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static br.com.ponte.sandbox.fapi.Software.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A payment initiator using the payments v4 API as the spec and the security guide want: mutual TLS,
 * certificate-bound tokens, request bodies as JWTs signed with its signing key, answers verified
 * against the bank's JWKS, an interaction id and an idempotency key on every creating call.
 */
final class Initiator {

    static final String BASE = "/open-banking/payments/v4";
    static final String JWT = "application/jwt";
    static final String CPF = "76109277673";
    private static final DateTimeFormatter END_TO_END_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm")
            .withZone(ZoneOffset.UTC);

    final Tpp tpp;
    private String clientCredentials;

    Initiator(Tpp tpp) {
        this.tpp = tpp;
    }

    static Initiator register() {
        return new Initiator(Tpp.register());
    }

    /** A client credentials token with scope payments (kept for the test). */
    String clientCredentials() {
        if (clientCredentials == null) {
            HttpResponse<String> response = tpp.token(Map.of("grant_type", "client_credentials", "scope", "payments"));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            clientCredentials = Json.of(response).get("access_token").asText();
        }
        return clientCredentials;
    }

    /** The claims a signed request body carries around {@code data}. */
    Map<String, Object> claims(Object data) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", SandboxParticipant.ORGANISATION_ID);
        claims.put("iss", tpp.software.organisationId);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("data", Json.MAPPER.convertValue(data, Object.class));
        return claims;
    }

    String signed(Object data) {
        return tpp.sign(claims(data));
    }

    HttpResponse<String> post(String path, String token, String body, String idempotencyKey) {
        return call(() -> tpp.tls.send("POST", Sandbox.bank(BASE + path), JWT, body, "Authorization", "Bearer " + token,
                "Accept", JWT, "x-fapi-interaction-id", UUID.randomUUID().toString(),
                "x-idempotency-key", idempotencyKey));
    }

    HttpResponse<String> get(String path) {
        return call(() -> tpp.tls.send("GET", Sandbox.bank(BASE + path), null, null,
                "Authorization", "Bearer " + clientCredentials(), "Accept", JWT,
                "x-fapi-interaction-id", UUID.randomUUID().toString()));
    }

    /** A PATCH with a client credentials token; {@code headers} (an idempotency key, say) come on top. */
    HttpResponse<String> patch(String path, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + clientCredentials(), "Accept", JWT,
                "x-fapi-interaction-id", UUID.randomUUID().toString()));
        all.addAll(List.of(headers));
        return call(() -> tpp.tls.send("PATCH", Sandbox.bank(BASE + path), JWT, body, all.toArray(String[]::new)));
    }

    /** The payload of a signed answer: PS256 by a key of the bank's JWKS, for this initiator, from the bank. */
    JsonNode payload(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith(JWT));
        try {
            JsonWebKeySet keys = DirectoryIT.jwks(Sandbox.bank("/jwks"));
            String claims = new JwtConsumerBuilder()
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "PS256")
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
                    .setExpectedIssuer(SandboxParticipant.ORGANISATION_ID)
                    .setExpectedAudience(tpp.software.organisationId)
                    .setRequireIssuedAt()
                    .setRequireJwtId()
                    .build()
                    .processToClaims(response.body()).toJson();
            return Json.parse(claims);
        } catch (Exception e) {
            throw new AssertionError("Not a JWT the bank signed for this initiator: " + response.body(), e);
        }
    }

    /** Creates the consent; answers its id. */
    String createConsent(ObjectNode data) {
        PaymentsSpecCheck.assertValid("CreatePaymentConsent", Json.MAPPER.valueToTree(claims(data)));
        HttpResponse<String> response = post("/consents", clientCredentials(), signed(data), UUID.randomUUID().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = payload(response);
        PaymentsSpecCheck.assertValid("ResponseCreatePaymentConsent", body);
        return body.get("data").get("consentId").asText();
    }

    JsonNode consent(String consentId) {
        HttpResponse<String> response = get("/consents/" + consentId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = payload(response);
        PaymentsSpecCheck.assertValid("ResponsePaymentConsent", body);
        return body.get("data");
    }

    JsonNode payment(String paymentId) {
        HttpResponse<String> response = get("/pix/payments/" + paymentId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = payload(response);
        PaymentsSpecCheck.assertValid("ResponsePixPayment", body);
        return body.get("data");
    }

    /** Polls the payment until {@code until} holds (a few seconds at most). */
    JsonNode paymentUntil(String paymentId, Predicate<JsonNode> until) throws InterruptedException {
        for (int attempt = 0; attempt < 40; attempt++) {
            JsonNode payment = payment(paymentId);
            if (until.test(payment)) {
                return payment;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Payment " + paymentId + " never got there: " + payment(paymentId));
    }

    JsonNode consentUntil(String consentId, Predicate<JsonNode> until) throws InterruptedException {
        for (int attempt = 0; attempt < 40; attempt++) {
            JsonNode consent = consent(consentId);
            if (until.test(consent)) {
                return consent;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Consent " + consentId + " never got there: " + consent(consentId));
    }

    /** The user's decision on the bank's page for a request naming the consent; answers the redirect. */
    HttpResponse<String> decide(String consentId, String decision, Authorization authorization) {
        String requestUri = tpp.push(authorization.withScope("openid payments consent:" + consentId));
        return tpp.decide(requestUri, CPF, decision);
    }

    /** The user approves the consent; answers the access token for its payment. */
    String authorise(String consentId) {
        Authorization authorization = Authorization.of("code");
        HttpResponse<String> redirect = decide(consentId, "approve", authorization);
        assertThat(redirect.statusCode()).isEqualTo(303);
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
        return Json.of(tokens).get("access_token").asText();
    }

    /** Initiates the payments of the consent with this token, one item each, in one request. */
    HttpResponse<String> pay(String token, ObjectNode... payments) {
        ArrayNode data = Json.MAPPER.createArrayNode().addAll(List.of(payments));
        PaymentsSpecCheck.assertValid("CreatePixPayment", Json.MAPPER.valueToTree(claims(data)));
        return post("/pix/payments", token, signed(data), UUID.randomUUID().toString());
    }

    // --- request data, valid against the spec ---

    /** Today in Brasília, the day payments v4 dates payments by. */
    static LocalDate today() {
        return LocalDate.now(ZoneId.of("America/Sao_Paulo"));
    }

    static ObjectNode consentData(String amount) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.putObject("loggedUser").putObject("document").put("identification", CPF).put("rel", "CPF");
        data.putObject("creditor").put("personType", "PESSOA_NATURAL").put("cpfCnpj", "12345678901")
                .put("name", "Maria Recebedora");
        ObjectNode payment = data.putObject("payment").put("type", "PIX")
                .put("date", today().toString())
                .put("currency", "BRL").put("amount", amount);
        ObjectNode details = payment.putObject("details").put("localInstrument", "DICT").put("proxy", "maria@example.com");
        details.set("creditorAccount", creditorAccount());
        return data;
    }

    /** A consent like {@link #consentData}'s with this {@code payment.schedule} instead of a date. */
    static ObjectNode scheduledConsentData(String amount, ObjectNode schedule) {
        ObjectNode data = consentData(amount);
        ObjectNode payment = (ObjectNode) data.get("payment");
        payment.remove("date");
        payment.set("schedule", schedule);
        return data;
    }

    /** The payment a consent made by {@link #consentData} asks for. */
    static ObjectNode paymentData(String amount) {
        return paymentData(amount, Instant.now());
    }

    /**
     * The payment of a scheduled consent for {@code date}: its endToEndId carries that date at 15:00
     * UTC, as the spec wants of a scheduled Pix.
     */
    static ObjectNode scheduledPaymentData(String amount, LocalDate date) {
        return paymentData(amount, date.atTime(15, 0).toInstant(ZoneOffset.UTC));
    }

    private static ObjectNode paymentData(String amount, Instant settlement) {
        ObjectNode payment = Json.MAPPER.createObjectNode()
                .put("endToEndId", "E" + "11222333" + END_TO_END_TIME.format(settlement)
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 11))
                .put("localInstrument", "DICT")
                .put("proxy", "maria@example.com")
                .put("cnpjInitiator", "11222333000181")
                .put("remittanceInformation", "Pagamento de teste");
        payment.putObject("payment").put("amount", amount).put("currency", "BRL");
        payment.set("creditorAccount", creditorAccount());
        return payment;
    }

    private static ObjectNode creditorAccount() {
        return Json.MAPPER.createObjectNode().put("ispb", "99999004").put("issuer", "0001").put("number", "1234567")
                .put("accountType", "CACC");
    }
}
