package br.com.ponte.consent;

import br.com.ponte.consent.sharing.SharingConsent;
import br.com.ponte.consent.sharing.SharingConsents;
import br.com.ponte.consent.sharing.SharingJourney;
import br.com.ponte.infra.PonteInfraTestResource;
import br.com.ponte.infra.fuzz.IsolationMatrix;
import br.com.ponte.infra.fuzz.RowCounts;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partner isolation in consent-service, generated from its OpenAPI document ({@link IsolationMatrix}):
 * partner A has a payment consent, a payment intent, a sharing session with an authorised sharing
 * consent and its whitelabel; partner B tries every partner-scoped operation on A's ids and gets
 * 404, B's own lists hold nothing of A, bad tokens get 401 and the internal grant API refuses
 * callers without service credentials. A's resources read the same afterwards, and B reusing A's
 * idempotency key gets a consent of its own.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "consent"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class ConsentIsolationIT {

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @Inject
    SharingJourney journey;

    @Inject
    SharingConsents consents;

    @Inject
    ModuleTestSharingBank bank;

    @Test
    void partnerBNeverReachesPartnerAsResources() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String brand = "Loja A " + marker;
        SharingFixtures.Partner a = SharingFixtures.Partner.with(Map.of("brandName", brand));
        SharingFixtures.Partner b = SharingFixtures.Partner.with(null);
        SharingFixtures fixtures = new SharingFixtures(journey, consents, bank);

        // A's payment consent, payment intent, and a sharing session with an authorised consent
        Map<String, Object> consentRequest = ConsentRequests.valid();
        consentRequest.put("creditor", Map.of("personType", "PESSOA_JURIDICA", "cpfCnpj", "11222333000181",
                "name", "Padaria A " + marker));
        String idempotencyKey = "key-" + marker;
        JsonPath paymentConsent = given().auth().oauth2(a.token()).contentType(ContentType.JSON).header("x-idempotency-key",
                idempotencyKey).body(consentRequest).post("/v1/payment-consents").then().statusCode(201).extract().jsonPath();
        Map<String, Object> intentRequest = ConsentRequests.intent();
        intentRequest.put("creditor", Map.of("personType", "PESSOA_JURIDICA", "cpfCnpj", "11222333000181",
                "name", "Mercado A " + marker));
        String intent = given().auth().oauth2(a.token()).contentType(ContentType.JSON).body(intentRequest)
                .post("/v1/payment-intents").then().statusCode(201).extract().path("id");
        SharingConsent sharing = fixtures.authorise(fixtures.awaiting(a, SharingFixtures.CPF, null,
                ModuleTestDirectory.PAYMENT_BANK, 6, "ACCOUNTS_BALANCES!"), SharingFixtures.resource("ACCOUNT", "AVAILABLE"));

        try (RowCounts rowsOfA = new RowCounts("jdbc:postgresql://localhost:" + dbPort + "/consent", "postgres", "postgres",
                a.id())) {
            IsolationMatrix.Report report = IsolationMatrix.of(base).named("consent-service")
                    .tokens(IsolationMatrix.partnerTokens())
                    .owner(a.id(), a.token())
                    .intruder(b.id(), b.token())
                    .id("/v1/payment-consents/", "id", paymentConsent.getString("id"))
                    .id("/internal/v1/payment-consents/", "id", paymentConsent.getString("id"))
                    .id("/v1/payment-intents/", "id", intent)
                    .id("/v1/sharing-consents/", "id", sharing.id.toString())
                    .id("/internal/v1/consents/", "id", sharing.id.toString())
                    .id("/v1/sharing-sessions/", "id", sharing.sessionId.toString())
                    .id("sessionId", sharing.sessionId.toString())
                    .secrets(paymentConsent.getString("id"), paymentConsent.getString("transmitterConsentId"), intent,
                            sharing.id.toString(), sharing.sessionId.toString(), sharing.transmitterConsentId, brand,
                            "Padaria A " + marker, "Mercado A " + marker)
                    // valid bodies: validation comes before the lookup, so a random body would be refused for any id
                    .body("POST /v1/payment-consents/{id}/revoke", "{\"revokedBy\":\"TPP\",\"reason\":\"B tries A's consent\"}")
                    .body("POST /v1/sharing-consents/{id}/extends", "{\"durationMonths\":12,\"customerIpAddress\":\"203.0.113.7\","
                            + "\"customerUserAgent\":\"isolation-test\"}")
                    .rows(rowsOfA)
                    .run();
            System.out.println(report.summary());
            System.out.println(report.table());
            assertThat(report.violations()).as(report.summary()).isEmpty();
            assertThat(report.checks()).isGreaterThan(50);

            // idempotency keys are the partner's own: B with A's key and body gets a consent of its own, not A's
            String ofB = given().auth().oauth2(b.token()).contentType(ContentType.JSON).header("x-idempotency-key", idempotencyKey)
                    .body(consentRequest).post("/v1/payment-consents").then().statusCode(201).extract().asString();
            assertThat(ofB).doesNotContain(paymentConsent.getString("id"), paymentConsent.getString("transmitterConsentId"));

            // the matrix itself: a "B" that does reach A's resources (A itself) fails every read of them
            IsolationMatrix.Report reached = IsolationMatrix.of(base).named("consent-service (A as B)")
                    .tokens(IsolationMatrix.partnerTokens()).owner(a.id(), a.token()).intruder(a.id(), a.token())
                    .id("id", paymentConsent.getString("id")).id("/v1/payment-intents/", "id", intent)
                    .id("/v1/sharing-consents/", "id", sharing.id.toString())
                    .id("/v1/sharing-sessions/", "id", sharing.sessionId.toString())
                    .only(op -> op.method().equals("GET")).run();
            assertThat(reached.violations()).extracting(IsolationMatrix.Cell::kind).containsOnly(IsolationMatrix.Case.FOREIGN_IDS)
                    .hasSize(4);
            assertThat(reached.violations()).extracting(IsolationMatrix.Cell::violation).containsOnly("B acted on A's resource");
        }
    }
}
