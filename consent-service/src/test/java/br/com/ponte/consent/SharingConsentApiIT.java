package br.com.ponte.consent;

import br.com.ponte.consent.sharing.SharingConsent;
import br.com.ponte.consent.sharing.SharingConsents;
import br.com.ponte.consent.sharing.SharingJourney;
import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

/**
 * The partner's sharing consents API in this module, with {@link ModuleTestSharingBank} as the
 * institutions: the list and its filters, a consent read with its resources, revocation (at the
 * institution first), renewal and every refusal of a bad request (nothing written).
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "consent"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class SharingConsentApiIT {

    @Inject
    SharingJourney journey;

    @Inject
    SharingConsents consents;

    @Inject
    ModuleTestSharingBank bank;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    SharingFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new SharingFixtures(journey, consents, bank);
    }

    @Test
    void aPartnerListsAndReadsItsConsentsWithTheirResources() {
        SharingFixtures.Partner partner = SharingFixtures.Partner.with(null);
        SharingConsent authorised = fixtures.authorise(fixtures.awaiting(partner, SharingFixtures.CPF, null,
                ModuleTestDirectory.PAYMENT_BANK, 6, "ACCOUNTS_BALANCES!"), SharingFixtures.resource("ACCOUNT", "AVAILABLE"),
                SharingFixtures.resource("ACCOUNT", "PENDING_AUTHORISATION"));
        SharingConsent refused = fixtures.reject(fixtures.awaiting(partner, SharingFixtures.CPF, null,
                ModuleTestDirectory.PAYMENT_BANK, 3, "ACCOUNTS_BALANCES!"));

        var all = given().auth().oauth2(partner.token()).get("/v1/sharing-consents").then().statusCode(200)
                .body("data", hasSize(2)).body("meta.totalRecords", equalTo(2)).extract().jsonPath();
        assertThat(all.getList("data.id")).containsExactly(refused.id.toString(), authorised.id.toString());
        given().auth().oauth2(partner.token()).queryParam("status", "AUTHORISED").get("/v1/sharing-consents").then()
                .body("data.id", hasItems(authorised.id.toString())).body("data", hasSize(1));
        given().auth().oauth2(partner.token()).queryParam("page-size", 1).queryParam("page", 2).get("/v1/sharing-consents").then()
                .body("data", hasSize(1)).body("meta.totalPages", equalTo(2)).body("data[0].id", equalTo(authorised.id.toString()));

        given().auth().oauth2(partner.token()).get("/v1/sharing-consents/" + authorised.id).then().statusCode(200)
                .body("status", equalTo("AUTHORISED"))
                .body("groups[0]", equalTo("ACCOUNTS_BALANCES"))
                .body("resources", hasSize(2))
                .body("resources.status", hasItems("AVAILABLE", "PENDING_AUTHORISATION"))
                .body("durationMonths", equalTo(6));
        given().auth().oauth2(partner.token()).get("/v1/sharing-consents/" + refused.id).then().statusCode(200)
                .body("rejection.rejectedBy", equalTo("USER"))
                .body("rejection.reason.code", equalTo("CUSTOMER_MANUALLY_REJECTED"));
    }

    @Test
    void thePartnerRevokesAtTheInstitutionFirst() {
        SharingFixtures.Partner partner = SharingFixtures.Partner.with(null);
        SharingConsent consent = fixtures.authorise(fixtures.awaiting(partner, SharingFixtures.CPF, null,
                ModuleTestDirectory.PAYMENT_BANK, 6, "ACCOUNTS_BALANCES!"), SharingFixtures.resource("ACCOUNT", "AVAILABLE"));
        given().auth().oauth2(partner.token()).delete("/v1/sharing-consents/" + consent.id).then().statusCode(204);
        assertThat(bank.revoked).contains(consent.transmitterConsentId);
        given().auth().oauth2(partner.token()).get("/v1/sharing-consents/" + consent.id).then()
                .body("status", equalTo("REJECTED")).body("revocation.revokedBy", equalTo("PARTNER"))
                .body("revocation.channel", equalTo("PARTNER_API"));
        given().auth().oauth2(partner.token()).delete("/v1/sharing-consents/" + consent.id).then().statusCode(422)
                .body("errors[0].code", equalTo("CONSENTIMENTO_EM_STATUS_REJEITADO"));
    }

    @Test
    void badRequestsGetOpenFinanceErrorsAndWriteNothing() throws Exception {
        SharingFixtures.Partner partner = SharingFixtures.Partner.with(null);
        SharingConsent consent = fixtures.authorise(fixtures.awaiting(partner, SharingFixtures.CPF, null,
                ModuleTestDirectory.PAYMENT_BANK, 6, "ACCOUNTS_BALANCES!"), SharingFixtures.resource("ACCOUNT", "AVAILABLE"));
        String token = partner.token();

        given().auth().oauth2(token).queryParam("status", "ACTIVE").queryParam("page-size", 1001).queryParam("document", "123")
                .queryParam("sessionId", "x").get("/v1/sharing-consents").then().statusCode(422)
                .body("meta.totalRecords", equalTo(4))
                .body("errors.detail", hasItems("status must be AWAITING_AUTHORISATION, AUTHORISED or REJECTED",
                        "page-size must be from 1 to 1000", "document must be a CPF, 11 digits",
                        "sessionId must be a session id (UUID)"));

        String extend = "/v1/sharing-consents/" + consent.id + "/extends";
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("durationMonths", 13)).post(extend).then()
                .statusCode(422).body("errors.detail", hasItems("durationMonths must be from 1 to 12", "customerIpAddress is required",
                        "customerUserAgent is required"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("durationMonths", 12, "indefinite", true,
                "customerIpAddress", "203.0.113.7", "customerUserAgent", "x")).post(extend).then().statusCode(422);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"durationMonths\": ").post(extend).then().statusCode(400);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("x-idempotency-key", "not a key!")
                .body(Map.of("durationMonths", 12, "customerIpAddress", "203.0.113.7", "customerUserAgent", "x")).post(extend).then()
                .statusCode(400);
        given().auth().oauth2(token).delete("/v1/sharing-consents/" + UUID.randomUUID()).then().statusCode(404)
                .body("errors[0].code", equalTo("NAO_ENCONTRADO"));
        given().auth().oauth2(token).delete("/v1/sharing-consents/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(PartnerTokens.issue("partner-" + UUID.randomUUID())).get("/v1/sharing-consents/" + consent.id)
                .then().statusCode(404);

        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/consent", "postgres", "postgres")) {
            ResultSet rs = c.createStatement().executeQuery("select count(*) from sharing_extension where consent_id = '" + consent.id + "'");
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        given().auth().oauth2(token).get("/v1/sharing-consents/" + consent.id).then().body("status", equalTo("AUTHORISED"))
                .body("extensions", hasSize(0));
    }

    @Test
    void aRenewalAtTheInstitutionIsRecordedAndARefusalIsTheInstitutions() {
        SharingFixtures.Partner partner = SharingFixtures.Partner.with(null);
        SharingConsent consent = fixtures.authorise(fixtures.awaiting(partner, SharingFixtures.CPF, null,
                ModuleTestDirectory.PAYMENT_BANK, 3, "ACCOUNTS_BALANCES!"), SharingFixtures.resource("ACCOUNT", "AVAILABLE"));
        Map<String, Object> renewal = Map.of("durationMonths", 12, "customerIpAddress", "203.0.113.7",
                "customerUserAgent", "Mozilla/5.0");
        given().auth().oauth2(partner.token()).contentType(ContentType.JSON).body(renewal)
                .post("/v1/sharing-consents/" + consent.id + "/extends").then().statusCode(200)
                .body("extensions", hasSize(1)).body("extensions[0].requestedBy", equalTo("PARTNER"));

        SharingConsent severalApprovers = fixtures.authorise(fixtures.awaiting(partner, SharingFixtures.CPF, null,
                ModuleTestDirectory.PAYMENT_BANK, 3, "ACCOUNTS_BALANCES!"), SharingFixtures.resource("ACCOUNT", "AVAILABLE"));
        bank.consents.get(severalApprovers.transmitterConsentId).multipleApprovers = true;
        given().auth().oauth2(partner.token()).contentType(ContentType.JSON).body(renewal)
                .post("/v1/sharing-consents/" + severalApprovers.id + "/extends").then().statusCode(422)
                .body("errors[0].code", equalTo("DEPENDE_MULTIPLA_ALCADA"));
        given().auth().oauth2(partner.token()).get("/v1/sharing-consents/" + severalApprovers.id).then()
                .body("extensions", hasSize(0));
    }
}
