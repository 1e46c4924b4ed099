package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.SandboxTestResource;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.fapi.Receiver.Grant;
import br.com.ponte.sandbox.sharing.Customers;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static br.com.ponte.sandbox.fapi.Receiver.ACCOUNTS;
import static br.com.ponte.sandbox.fapi.Receiver.assertRefused;
import static br.com.ponte.sandbox.fapi.Receiver.consentRequest;
import static br.com.ponte.sandbox.fapi.Receiver.extensionRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renewing a consent without redirection ({@code POST /consents/{consentId}/extends}, the user's
 * token) and its history ({@code GET /consents/{consentId}/extensions}, client credentials), with
 * the spec's refusals.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class ConsentExtensionsIT {

    private static final String CPF = Customers.PERSON_CPF;
    private static final String EXTENSION_REFUSAL = "422ResponseErrorCreateConsent";

    @Test
    void aConsentIsRenewedAndItsRenewalsAreListedNewestFirst() {
        Receiver receiver = Receiver.register(Brand.HORIZONTE);
        Instant month = inDays(30);
        Instant twoMonths = inDays(60);
        String consentId = receiver.createConsentId(consentRequest(CPF, ACCOUNTS, month));
        Grant grant = receiver.authorise(consentId, CPF);

        HttpResponse<String> renewed = receiver.extend(consentId, grant.accessToken(), extensionRequest(CPF, twoMonths));
        assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(201);
        JsonNode answer = Json.of(renewed);
        SharingSpecCheck.assertValidConsents("ResponseConsentExtensions", answer);
        assertThat(answer.at("/data/expirationDateTime").asText()).isEqualTo(twoMonths.toString());
        assertThat(answer.at("/data/status").asText()).isEqualTo("AUTHORISED");
        assertThat(receiver.consent(consentId).get("expirationDateTime").asText()).isEqualTo(twoMonths.toString());

        HttpResponse<String> indefinite = receiver.extend(consentId, grant.accessToken(), extensionRequest(CPF, null));
        assertThat(indefinite.statusCode()).as(indefinite.body()).isEqualTo(201);
        assertThat(receiver.consent(consentId).has("expirationDateTime")).isFalse();

        HttpResponse<String> listed = receiver.send("GET", Receiver.CONSENTS + "/" + consentId + "/extensions?page-size=10",
                receiver.clientCredentials(), null);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonNode history = Json.of(listed);
        SharingSpecCheck.assertValidConsents("ResponseConsentReadExtensions", history);
        assertThat(history.at("/meta/totalRecords").asInt()).isEqualTo(2);
        assertThat(history.at("/links/self").asText()).endsWith("/extensions?page=1&page-size=25");
        JsonNode newest = history.at("/data/0");
        assertThat(newest.has("expirationDateTime")).isFalse();
        assertThat(newest.get("previousExpirationDateTime").asText()).isEqualTo(twoMonths.toString());
        assertThat(newest.at("/loggedUser/document/identification").asText()).isEqualTo(CPF);
        assertThat(newest.get("xFapiCustomerIpAddress").asText()).isEqualTo("203.0.113.7");
        assertThat(newest.get("xCustomerUserAgent").asText()).isEqualTo("Mozilla/5.0 (Ponte test)");
        JsonNode oldest = history.at("/data/1");
        assertThat(oldest.get("expirationDateTime").asText()).isEqualTo(twoMonths.toString());
        assertThat(oldest.get("previousExpirationDateTime").asText()).isEqualTo(month.toString());

        assertRefused(receiver.send("GET", Receiver.CONSENTS + "/" + consentId + "/extensions", grant.accessToken(), null),
                403, "ResponseError", "FORBIDDEN");
        assertRefused(receiver.send("GET", Receiver.CONSENTS + "/" + consentId + "/extensions?page-size=1001",
                receiver.clientCredentials(), null), 400, "ResponseError", "PARAMETRO_INVALIDO");
    }

    @Test
    void aNewExpiryMustBeLaterThanTheCurrentOneInTheFutureAndWithinTwelveMonths() {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        Instant month = inDays(30);
        String consentId = receiver.createConsentId(consentRequest(CPF, ACCOUNTS, month));
        Grant grant = receiver.authorise(consentId, CPF);

        assertRefused(receiver.extend(consentId, grant.accessToken(), extensionRequest(CPF, month)), 422, EXTENSION_REFUSAL,
                "DATA_EXPIRACAO_INVALIDA");
        assertRefused(receiver.extend(consentId, grant.accessToken(), extensionRequest(CPF, inDays(10))), 422, EXTENSION_REFUSAL,
                "DATA_EXPIRACAO_INVALIDA");
        assertRefused(receiver.extend(consentId, grant.accessToken(), extensionRequest(CPF, inDays(370))), 422,
                EXTENSION_REFUSAL, "DATA_EXPIRACAO_INVALIDA");

        String indefiniteId = receiver.createConsentId(consentRequest(CPF, ACCOUNTS, null));
        Grant indefinite = receiver.authorise(indefiniteId, CPF);
        assertRefused(receiver.extend(indefiniteId, indefinite.accessToken(), extensionRequest(CPF, inDays(300))), 422,
                EXTENSION_REFUSAL, "DATA_EXPIRACAO_INVALIDA");
    }

    @Test
    void onlyAnAuthorisedConsentIsRenewedByItsUserWithTheirToken() {
        Receiver receiver = Receiver.register(Brand.SANDBOX);
        String consentId = receiver.createConsentId(consentRequest(CPF, ACCOUNTS, inDays(30)));
        Grant grant = receiver.authorise(consentId, CPF);
        String otherId = receiver.createConsentId(consentRequest(CPF, ACCOUNTS, inDays(30)));
        Grant other = receiver.authorise(otherId, CPF);

        assertRefused(receiver.extend(consentId, grant.accessToken(), extensionRequest(Customers.NO_PRODUCTS_CPF,
                inDays(60))), 422, EXTENSION_REFUSAL, "ERRO_NAO_MAPEADO");
        assertRefused(receiver.extend(consentId, other.accessToken(), extensionRequest(CPF, inDays(60))), 403,
                "ResponseError", "FORBIDDEN");
        assertRefused(receiver.extend(consentId, receiver.clientCredentials(), extensionRequest(CPF, inDays(60))), 403,
                "ResponseError", "FORBIDDEN");
        assertRefused(receiver.send("POST", Receiver.CONSENTS + "/" + consentId + "/extends", grant.accessToken(),
                extensionRequest(CPF, inDays(60)).toString(), "x-customer-user-agent", "Mozilla/5.0"), 400,
                "ResponseError", "PARAMETRO_NAO_INFORMADO");
        assertRefused(receiver.extend(consentId, grant.accessToken(), Json.parse("{\"data\":{}}")), 400, "ResponseError",
                "PARAMETRO_NAO_INFORMADO");

        assertThat(receiver.deleteConsent(consentId).statusCode()).isEqualTo(204);
        assertRefused(receiver.extend(consentId, grant.accessToken(), extensionRequest(CPF, inDays(60))), 422,
                EXTENSION_REFUSAL, "ESTADO_CONSENTIMENTO_INVALIDO");
    }

    private static Instant inDays(int days) {
        return Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
    }
}
