package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.SandboxTestResource;
import br.com.ponte.sandbox.directory.SandboxParticipant;
import br.com.ponte.sandbox.fapi.Tpp.Authorization;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static br.com.ponte.sandbox.fapi.Software.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payments v4 consents over mutual TLS: creation with signed bodies and idempotency, reading, the
 * user's decision and the authorisation clock, and the refusals of the transport, token and
 * signature layers. Every body is checked against payments_4.0.0.yml.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class PaymentConsentsIT {

    @Test
    void aConsentIsCreatedReadAndReplayedForTheSameIdempotencyKey() {
        Initiator initiator = Initiator.register();
        ObjectNode data = Initiator.consentData("100.00");
        PaymentsSpecCheck.assertValid("CreatePaymentConsent", Json.MAPPER.valueToTree(initiator.claims(data)));
        String key = UUID.randomUUID().toString();
        String interactionId = UUID.randomUUID().toString();

        HttpResponse<String> created = call(() -> initiator.tpp.tls.send("POST", Sandbox.bank(Initiator.BASE + "/consents"),
                Initiator.JWT, initiator.signed(data), "Authorization", "Bearer " + initiator.clientCredentials(),
                "x-fapi-interaction-id", interactionId, "x-idempotency-key", key));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("x-fapi-interaction-id")).hasValue(interactionId);
        JsonNode body = initiator.payload(created);
        PaymentsSpecCheck.assertValid("ResponseCreatePaymentConsent", body);
        JsonNode consent = body.get("data");
        String consentId = consent.get("consentId").asText();
        assertThat(consent.get("status").asText()).isEqualTo("AWAITING_AUTHORISATION");
        assertThat(consent.get("payment")).isEqualTo(data.get("payment"));
        assertThat(body.get("links").get("self").asText()).isEqualTo(Sandbox.bank(Initiator.BASE + "/consents/" + consentId));

        HttpResponse<String> replayed = initiator.post("/consents", initiator.clientCredentials(), initiator.signed(data), key);
        assertThat(replayed.statusCode()).isEqualTo(201);
        assertThat(replayed.body()).isEqualTo(created.body());

        HttpResponse<String> otherData = initiator.post("/consents", initiator.clientCredentials(),
                initiator.signed(Initiator.consentData("200.00")), key);
        assertThat(otherData.statusCode()).isEqualTo(422);
        JsonNode refusal = initiator.payload(otherData);
        PaymentsSpecCheck.assertValid("422ResponseErrorCreateConsent", refusal);
        assertThat(code(refusal)).isEqualTo("ERRO_IDEMPOTENCIA");

        JsonNode read = initiator.consent(consentId);
        assertThat(read.get("status").asText()).isEqualTo("AWAITING_AUTHORISATION");
        assertThat(read.get("creditor")).isEqualTo(data.get("creditor"));
    }

    @Test
    void theUserAuthorisesOnTheBankPageThatShowsThePayment() throws Exception {
        Initiator initiator = Initiator.register();
        String consentId = initiator.createConsent(Initiator.consentData("123.45"));
        String requestUri = initiator.tpp.push(Authorization.of("code").withScope("openid payments consent:" + consentId));

        HttpResponse<String> page = TlsClient.anonymous().get(Sandbox.bank("/authorize?client_id="
                + AuthorizationCodeFlowIT.encode(initiator.tpp.clientId) + "&request_uri="
                + AuthorizationCodeFlowIT.encode(requestUri)));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("R$ 123.45", "Maria Recebedora");

        assertThat(initiator.tpp.decide(requestUri, Initiator.CPF, "approve").statusCode()).isEqualTo(303);
        JsonNode consent = initiator.consent(consentId);
        assertThat(consent.get("status").asText()).isEqualTo("AUTHORISED");
        assertThat(consent.get("debtorAccount").get("ispb").asText()).isEqualTo(SandboxParticipant.CNPJ.substring(0, 8));
        assertThat(Instant.parse(consent.get("expirationDateTime").asText())).isAfter(Instant.now());
    }

    @Test
    void theUserRejectsAndTheConsentIsRejected() {
        Initiator initiator = Initiator.register();
        String consentId = initiator.createConsent(Initiator.consentData("100.00"));

        HttpResponse<String> redirect = initiator.decide(consentId, "reject", Authorization.of("code"));

        assertThat(AuthorizationResponse.read(redirect.headers().firstValue("Location").orElseThrow(),
                initiator.tpp.clientId)).containsEntry("error", "access_denied");
        JsonNode consent = initiator.consent(consentId);
        assertThat(consent.get("status").asText()).isEqualTo("REJECTED");
        assertThat(consent.get("rejectionReason").get("code").asText()).isEqualTo("REJEITADO_USUARIO");
        assertThat(initiator.tpp.pushRequestObject(initiator.tpp.sign(Authorization.of("code")
                .withScope("openid payments consent:" + consentId).requestClaims(initiator.tpp))).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aConsentNotAuthorisedInTimeIsRejected() throws Exception {
        Initiator initiator = Initiator.register();
        String consentId = initiator.createConsent(Initiator.consentData("100.00"));

        JsonNode consent = initiator.consentUntil(consentId, found -> found.get("status").asText().equals("REJECTED"));

        assertThat(consent.get("rejectionReason").get("code").asText()).isEqualTo("TEMPO_EXPIRADO_AUTORIZACAO");
    }

    @Test
    void invalidConsentRequestsAreRefusedWithTheSpecCodes() {
        Initiator initiator = Initiator.register();
        ObjectNode missing = Initiator.consentData("100.00");
        missing.remove("creditor");
        assertRefused(initiator, missing, 422, "PARAMETRO_NAO_INFORMADO");

        ObjectNode malformed = Initiator.consentData("100");
        assertRefused(initiator, malformed, 422, "PARAMETRO_INVALIDO");

        ObjectNode yesterday = Initiator.consentData("100.00");
        ((ObjectNode) yesterday.get("payment")).put("date", "2020-01-01");
        assertRefused(initiator, yesterday, 422, "DATA_PAGAMENTO_INVALIDA");

        ObjectNode manualWithKey = Initiator.consentData("100.00");
        ((ObjectNode) manualWithKey.get("payment").get("details")).put("localInstrument", "MANU");
        assertRefused(initiator, manualWithKey, 422, "DETALHE_PAGAMENTO_INVALIDO");
    }

    @Test
    void requestBodiesMustBeSignedFreshAndOnce() {
        Initiator initiator = Initiator.register();
        ObjectNode data = Initiator.consentData("100.00");

        String foreignKey = Tpp.sign(initiator.claims(data), Software.create().signing.privateKey(),
                initiator.tpp.software.signingKid);
        assertError(initiator.post("/consents", initiator.clientCredentials(), foreignKey, UUID.randomUUID().toString()),
                400, "BAD_SIGNATURE");

        Map<String, Object> claims = initiator.claims(data);
        claims.put("iat", Instant.now().getEpochSecond() - 600);
        assertError(initiator.post("/consents", initiator.clientCredentials(), initiator.tpp.sign(claims),
                UUID.randomUUID().toString()), 403, "INVALID_CLIENT");

        Map<String, Object> otherAudience = initiator.claims(data);
        otherAudience.put("aud", UUID.randomUUID().toString());
        assertError(initiator.post("/consents", initiator.clientCredentials(), initiator.tpp.sign(otherAudience),
                UUID.randomUUID().toString()), 403, "INVALID_CLIENT");

        Map<String, Object> otherIssuer = initiator.claims(data);
        otherIssuer.put("iss", UUID.randomUUID().toString());
        assertError(initiator.post("/consents", initiator.clientCredentials(), initiator.tpp.sign(otherIssuer),
                UUID.randomUUID().toString()), 403, "INVALID_CLIENT");

        String once = initiator.signed(data);
        assertThat(initiator.post("/consents", initiator.clientCredentials(), once, UUID.randomUUID().toString())
                .statusCode()).isEqualTo(201);
        assertError(initiator.post("/consents", initiator.clientCredentials(), once, UUID.randomUUID().toString()),
                403, "INVALID_CLIENT");
    }

    @Test
    void transportTokenAndHeaderRefusals() {
        Initiator initiator = Initiator.register();
        String url = Sandbox.bank(Initiator.BASE + "/consents");
        String body = initiator.signed(Initiator.consentData("100.00"));
        String token = initiator.clientCredentials();

        assertError(call(() -> TlsClient.anonymous().send("POST", url, Initiator.JWT, body, "Authorization",
                "Bearer " + token, "x-fapi-interaction-id", UUID.randomUUID().toString(),
                "x-idempotency-key", "k1")), 401, "UNAUTHORIZED");
        assertError(call(() -> Software.create().tls().send("POST", url, Initiator.JWT, body, "Authorization",
                "Bearer " + token, "x-fapi-interaction-id", UUID.randomUUID().toString(),
                "x-idempotency-key", "k2")), 401, "UNAUTHORIZED");
        assertError(initiator.post("/consents", "not-a-token", body, "k3"), 401, "UNAUTHORIZED");
        assertError(call(() -> initiator.tpp.tls.send("POST", url, "application/json", "{}", "Authorization",
                "Bearer " + token, "x-fapi-interaction-id", UUID.randomUUID().toString(),
                "x-idempotency-key", "k4")), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertError(call(() -> initiator.tpp.tls.send("POST", url, Initiator.JWT, body, "Authorization",
                "Bearer " + token, "Accept", "application/xml", "x-fapi-interaction-id",
                UUID.randomUUID().toString(), "x-idempotency-key", "k5")), 406, "NOT_ACCEPTABLE");
        assertError(call(() -> initiator.tpp.tls.send("POST", url, Initiator.JWT, body, "Authorization",
                "Bearer " + token, "x-fapi-interaction-id", UUID.randomUUID().toString())), 400,
                "PARAMETRO_NAO_INFORMADO");
        assertError(initiator.get("/consents/urn:pontesandbox:" + UUID.randomUUID()), 404, "NOT_FOUND");
        assertError(call(() -> initiator.tpp.tls.send("DELETE", url, null, null, "Authorization", "Bearer " + token,
                "x-fapi-interaction-id", UUID.randomUUID().toString())), 405, "METHOD_NOT_ALLOWED");

        HttpResponse<String> anonymousCall = call(() -> initiator.tpp.tls.send("GET", url + "/x", null, null,
                "Authorization", "Bearer " + token));
        assertError(anonymousCall, 400, "PARAMETRO_NAO_INFORMADO");
        assertThat(anonymousCall.headers().firstValue("x-fapi-interaction-id")).hasValueSatisfying(id ->
                assertThat(UUID.fromString(id)).isNotNull());
    }

    @Test
    void aClientAboveTheRateLimitGets429() {
        Initiator initiator = Initiator.register();
        String consentId = initiator.createConsent(Initiator.consentData("100.00"));
        HttpResponse<String> last = null;
        for (int call = 0; call < 100; call++) {
            last = initiator.get("/consents/" + consentId);
            if (last.statusCode() == 429) {
                break;
            }
        }
        assertError(last, 429, "TOO_MANY_REQUESTS");
    }

    /** Asserts the consent request is refused with this status and code; answers the refusal. */
    static JsonNode assertRefused(Initiator initiator, ObjectNode data, int status, String code) {
        HttpResponse<String> response = initiator.post("/consents", initiator.clientCredentials(), initiator.signed(data),
                UUID.randomUUID().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = initiator.payload(response);
        PaymentsSpecCheck.assertValid("422ResponseErrorCreateConsent", body);
        assertThat(code(body)).isEqualTo(code);
        return body;
    }

    static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode body = Json.of(response);
        PaymentsSpecCheck.assertValid("ResponseError", body);
        assertThat(code(body)).isEqualTo(code);
    }

    static String code(JsonNode errors) {
        return errors.get("errors").get(0).get("code").asText();
    }
}
