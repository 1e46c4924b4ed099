package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.SandboxTestResource;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.sharing.Customers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static br.com.ponte.sandbox.fapi.Receiver.ACCOUNTS;
import static br.com.ponte.sandbox.fapi.Receiver.BUSINESS_REGISTRATION;
import static br.com.ponte.sandbox.fapi.Receiver.CARDS;
import static br.com.ponte.sandbox.fapi.Receiver.CARD_BILLS;
import static br.com.ponte.sandbox.fapi.Receiver.CREDIT_OPERATIONS;
import static br.com.ponte.sandbox.fapi.Receiver.EXCHANGE;
import static br.com.ponte.sandbox.fapi.Receiver.INVESTMENTS;
import static br.com.ponte.sandbox.fapi.Receiver.PERSONAL_REGISTRATION;
import static br.com.ponte.sandbox.fapi.Receiver.assertRefused;
import static br.com.ponte.sandbox.fapi.Receiver.businessConsentRequest;
import static br.com.ponte.sandbox.fapi.Receiver.consentRequest;
import static br.com.ponte.sandbox.fapi.Receiver.permissions;
import static br.com.ponte.sandbox.fapi.Software.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consents v3 at both brands over mutual TLS: creation, reading, deletion, the permission rules and
 * their 400s and 422s, what each brand keeps, idempotency keys, the authorisation clock, and the
 * refusals of the transport and token layers. Every body is checked against consents_3.3.1.yml.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class SharingConsentsIT {

    private static final String CPF = Customers.PERSON_CPF;

    @ParameterizedTest
    @EnumSource(Brand.class)
    void aConsentIsCreatedReadAndDeletedAtEachBrand(Brand brand) {
        Receiver receiver = Receiver.register(brand);
        Instant expiry = Instant.now().plus(Duration.ofDays(180)).truncatedTo(ChronoUnit.SECONDS);
        List<String> asked = permissions(PERSONAL_REGISTRATION, ACCOUNTS, CREDIT_OPERATIONS);
        String interactionId = UUID.randomUUID().toString();

        HttpResponse<String> created = call(() -> receiver.tpp.tls.send("POST", receiver.tpp.url(Receiver.CONSENTS),
                Receiver.JSON, consentRequest(CPF, asked, expiry).toString(), "Authorization",
                "Bearer " + receiver.clientCredentials(), "x-fapi-interaction-id", interactionId));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("x-fapi-interaction-id")).hasValue(interactionId);
        JsonNode answer = Json.of(created);
        SharingSpecCheck.assertValidConsents("ResponseConsent", answer);
        JsonNode consent = answer.get("data");
        String consentId = consent.get("consentId").asText();
        assertThat(consentId).startsWith("urn:" + brand.urnNamespace() + ":");
        assertThat(consent.get("status").asText()).isEqualTo("AWAITING_AUTHORISATION");
        assertThat(strings(consent.get("permissions"))).containsExactlyElementsOf(asked);
        assertThat(consent.get("expirationDateTime").asText()).isEqualTo(expiry.toString());
        assertThat(answer.at("/links/self").asText()).isEqualTo(Sandbox.bank(brand, Receiver.CONSENTS + "/" + consentId));

        JsonNode read = receiver.consent(consentId);
        assertThat(read.get("status").asText()).isEqualTo("AWAITING_AUTHORISATION");
        assertThat(read.has("rejection")).isFalse();

        HttpResponse<String> deleted = receiver.deleteConsent(consentId);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        JsonNode rejected = receiver.consent(consentId);
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.at("/rejection/rejectedBy").asText()).isEqualTo("USER");
        assertThat(rejected.at("/rejection/reason/code").asText()).isEqualTo("CUSTOMER_MANUALLY_REJECTED");

        assertRefused(receiver.deleteConsent(consentId), 422, "ResponseErrorUnprocessableEntityDelete",
                "CONSENTIMENTO_EM_STATUS_REJEITADO");
    }

    @Test
    void aConsentWithoutExpiryIsIndefinite() {
        Receiver receiver = Receiver.register(Brand.SANDBOX);

        JsonNode consent = receiver.createConsent(consentRequest(CPF, ACCOUNTS, null));

        assertThat(consent.has("expirationDateTime")).isFalse();
        assertThat(receiver.consent(consent.get("consentId").asText()).has("expirationDateTime")).isFalse();
    }

    @Test
    void everyRefusedCreationHasTheSpecsCode() {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        Instant month = Instant.now().plus(Duration.ofDays(30));

        ObjectNode unknown = consentRequest(CPF, ACCOUNTS, month);
        ((ArrayNode) unknown.at("/data/permissions")).add("ACCOUNTS_WRITE");
        assertRefused(receiver.postConsent(unknown), 400, "ResponseError", "PARAMETRO_INVALIDO");
        ObjectNode twice = consentRequest(CPF, ACCOUNTS, month);
        ((ArrayNode) twice.at("/data/permissions")).add("ACCOUNTS_READ");
        assertRefused(receiver.postConsent(twice), 400, "ResponseError", "PARAMETRO_INVALIDO");
        ObjectNode noUser = consentRequest(CPF, ACCOUNTS, month);
        ((ObjectNode) noUser.get("data")).remove("loggedUser");
        assertRefused(receiver.postConsent(noUser), 400, "ResponseError", "PARAMETRO_NAO_INFORMADO");
        assertRefused(receiver.send("POST", Receiver.CONSENTS, receiver.clientCredentials(), "{\"data\":"), 400,
                "ResponseError", "PARAMETRO_INVALIDO");

        String entity = "ResponseErrorUnprocessableEntity";
        assertRefused(receiver.postConsent(consentRequest(CPF, List.of("ACCOUNTS_READ", "RESOURCES_READ"), month)), 422,
                entity, "COMBINACAO_PERMISSOES_INCORRETA");
        assertRefused(receiver.postConsent(consentRequest(CPF, List.of("RESOURCES_READ"), month)), 422, entity,
                "COMBINACAO_PERMISSOES_INCORRETA");
        assertRefused(receiver.postConsent(businessConsentRequest(CPF, Customers.COMPANY_CNPJ,
                permissions(PERSONAL_REGISTRATION, BUSINESS_REGISTRATION), month)), 422, entity,
                "PERMISSAO_PF_PJ_EM_CONJUNTO");
        assertRefused(receiver.postConsent(consentRequest(CPF, BUSINESS_REGISTRATION, month)), 422, entity,
                "INFORMACOES_PJ_NAO_INFORMADAS");
        assertRefused(receiver.postConsent(businessConsentRequest(CPF, Customers.COMPANY_CNPJ, PERSONAL_REGISTRATION,
                month)), 422, entity, "PERMISSOES_PJ_INCORRETAS");
        assertRefused(receiver.postConsent(consentRequest(CPF, ACCOUNTS, Instant.now().minusSeconds(60))), 422, entity,
                "DATA_EXPIRACAO_INVALIDA");
        assertRefused(receiver.postConsent(consentRequest(CPF, ACCOUNTS, Instant.now().plus(Duration.ofDays(370)))),
                422, entity, "DATA_EXPIRACAO_INVALIDA");
        assertRefused(receiver.postConsent(consentRequest(CPF, permissions(INVESTMENTS, EXCHANGE), month)), 422, entity,
                "SEM_PERMISSOES_FUNCIONAIS_RESTANTES");
    }

    @Test
    void eachBrandKeepsWhatItOffers() {
        List<String> asked = permissions(ACCOUNTS, CARDS, CARD_BILLS, CREDIT_OPERATIONS, INVESTMENTS);
        Receiver ponte = Receiver.register(Brand.SANDBOX);
        Receiver horizonte = Receiver.register(Brand.HORIZONTE);

        JsonNode atPonte = ponte.createConsent(consentRequest(CPF, asked, null));
        JsonNode atHorizonte = horizonte.createConsent(consentRequest(CPF, asked, null));

        assertThat(strings(atPonte.get("permissions"))).containsExactlyElementsOf(
                permissions(ACCOUNTS, CARDS, CARD_BILLS, CREDIT_OPERATIONS));
        assertThat(strings(atHorizonte.get("permissions"))).containsExactlyElementsOf(permissions(ACCOUNTS, CREDIT_OPERATIONS));
        assertRefused(horizonte.postConsent(consentRequest(CPF, permissions(CARDS, CARD_BILLS), null)), 422,
                "ResponseErrorUnprocessableEntity", "SEM_PERMISSOES_FUNCIONAIS_RESTANTES");
    }

    @Test
    void theSameIdempotencyKeyAndBodyGetTheSameAnswer() {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        ObjectNode body = consentRequest(CPF, ACCOUNTS, null);
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = receiver.postConsent(body, "x-idempotency-key", key);
        HttpResponse<String> again = receiver.postConsent(body, "x-idempotency-key", key);
        HttpResponse<String> withoutKey = receiver.postConsent(body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(Json.of(withoutKey).at("/data/consentId")).isNotEqualTo(Json.of(first).at("/data/consentId"));
        assertRefused(receiver.postConsent(consentRequest(CPF, CARDS, null), "x-idempotency-key", key), 422,
                "ResponseErrorUnprocessableEntity", "ERRO_NAO_MAPEADO");
    }

    @Test
    void aConsentNotDecidedInTimeIsRejectedByTheBank() throws Exception {
        Receiver receiver = Receiver.register(Brand.HORIZONTE);
        String consentId = receiver.createConsentId(consentRequest(CPF, ACCOUNTS, null));

        JsonNode consent = receiver.consentUntil(consentId, "REJECTED");

        assertThat(consent.at("/rejection/rejectedBy").asText()).isEqualTo("ASPSP");
        assertThat(consent.at("/rejection/reason/code").asText()).isEqualTo("CONSENT_EXPIRED");
        assertThat(receiver.tpp.pushRequestObject(receiver.tpp.sign(receiver.authorization(consentId)
                .requestClaims(receiver.tpp))).statusCode()).isEqualTo(400);
    }

    @Test
    void transportTokenAndHeaderRefusals() {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        Receiver other = Receiver.register(Brand.SANDBOX);
        String consentId = receiver.createConsentId(consentRequest(CPF, ACCOUNTS, null));
        String url = receiver.tpp.url(Receiver.CONSENTS);
        String body = consentRequest(CPF, ACCOUNTS, null).toString();

        assertRefused(other.send("GET", Receiver.CONSENTS + "/" + consentId, other.clientCredentials(), null), 403,
                "ResponseError", "FORBIDDEN");
        assertRefused(other.deleteConsent(consentId), 403, "ResponseError", "FORBIDDEN");
        assertRefused(receiver.send("GET", Receiver.CONSENTS + "/urn:bancosandbox:" + UUID.randomUUID(),
                receiver.clientCredentials(), null), 404, "ResponseError", "NOT_FOUND");
        String payments = Json.of(receiver.tpp.token(Map.of("grant_type", "client_credentials", "scope", "payments")))
                .get("access_token").asText();
        assertRefused(receiver.send("POST", Receiver.CONSENTS, payments, body), 403, "ResponseError", "FORBIDDEN");
        assertRefused(call(() -> TlsClient.anonymous().send("POST", url, Receiver.JSON, body, "Authorization",
                "Bearer " + receiver.clientCredentials(), "x-fapi-interaction-id", UUID.randomUUID().toString())), 401,
                "ResponseError", "UNAUTHORIZED");
        assertRefused(receiver.send("POST", Receiver.CONSENTS, "not-a-token", body), 401, "ResponseError", "UNAUTHORIZED");
        // a token of Banco Horizonte is nothing at Banco Sandbox Ponte
        Receiver horizonte = Receiver.register(Brand.HORIZONTE);
        assertRefused(call(() -> horizonte.tpp.tls.send("POST", url, Receiver.JSON, body, "Authorization",
                "Bearer " + horizonte.clientCredentials(), "x-fapi-interaction-id", UUID.randomUUID().toString())), 401,
                "ResponseError", "UNAUTHORIZED");
        assertRefused(call(() -> receiver.tpp.tls.send("POST", url, "application/jwt", body, "Authorization",
                "Bearer " + receiver.clientCredentials(), "x-fapi-interaction-id", UUID.randomUUID().toString())), 415,
                "ResponseError", "UNSUPPORTED_MEDIA_TYPE");
        assertRefused(call(() -> receiver.tpp.tls.send("POST", url, Receiver.JSON, body, "Authorization",
                "Bearer " + receiver.clientCredentials(), "Accept", "application/xml", "x-fapi-interaction-id",
                UUID.randomUUID().toString())), 406, "ResponseError", "NOT_ACCEPTABLE");
        HttpResponse<String> noInteractionId = call(() -> receiver.tpp.tls.send("GET", url + "/" + consentId, null, null,
                "Authorization", "Bearer " + receiver.clientCredentials()));
        assertRefused(noInteractionId, 400, "ResponseError", "PARAMETRO_NAO_INFORMADO");
        assertThat(noInteractionId.headers().firstValue("x-fapi-interaction-id")).hasValueSatisfying(id ->
                assertThat(UUID.fromString(id)).isNotNull());
        assertRefused(receiver.send("PUT", Receiver.CONSENTS + "/" + consentId, receiver.clientCredentials(), body), 405,
                "ResponseError", "METHOD_NOT_ALLOWED");
    }

    static List<String> strings(JsonNode array) {
        return Json.MAPPER.convertValue(array, Json.MAPPER.getTypeFactory().constructCollectionType(List.class,
                String.class));
    }
}
