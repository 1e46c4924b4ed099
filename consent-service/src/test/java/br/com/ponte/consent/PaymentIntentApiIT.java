package br.com.ponte.consent;

import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

/** Partner calls 1 and 3 of the whitelabel track: creating a payment intent (validated as a consent) and reading it. */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "consent"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class PaymentIntentApiIT {

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @ConfigProperty(name = "ponte.consent.public-url")
    String publicUrl;

    static ValidatableResponse post(String partnerId, Object body) {
        return given().auth().oauth2(PartnerTokens.issue(partnerId)).contentType(ContentType.JSON).body(body)
                .when().post("/v1/payment-intents").then();
    }

    @Test
    void anIntentWaitsForTheBankChoiceAtTheUrlOfPontesScreens() {
        String partner = "partner-" + UUID.randomUUID();
        Instant before = Instant.now();
        var response = post(partner, ConsentRequests.intent())
                .statusCode(201)
                .body("status", equalTo("AWAITING_BANK_CHOICE"))
                .body("consentId", nullValue())
                .extract();
        var created = response.jsonPath();
        String id = created.getString("id");
        assertThat(response.header("Location")).endsWith("/v1/payment-intents/" + id);
        assertThat(created.getString("url")).isEqualTo(publicUrl + "/whitelabel/payments/" + id);
        assertThat(UUID.fromString(id).version()).as("a random, unguessable id").isEqualTo(4);

        var read = given().auth().oauth2(PartnerTokens.issue(partner)).get("/v1/payment-intents/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("AWAITING_BANK_CHOICE"))
                .body("url", equalTo(created.getString("url")))
                .body("transmitter", nullValue())
                .extract().jsonPath();
        Instant creation = Instant.parse(read.getString("creationDateTime"));
        assertThat(creation).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(Duration.between(creation, Instant.parse(read.getString("expirationDateTime"))))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theRequestIsValidatedAsAConsentWithoutTransmitterAndARefusedOneStoresNothing() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        post(partner, ConsentRequests.valid()).statusCode(422)
                .body("errors[0].code", equalTo("PARAMETRO_INVALIDO"))
                .body("errors[0].detail", equalTo("transmitter must not be sent: the user chooses the bank on Ponte's screens"))
                .body("meta.totalRecords", equalTo(1));

        Map<String, Object> bad = ConsentRequests.intent();
        bad.remove("redirectUri");
        bad.put("loggedUser", Map.of("document", Map.of("identification", "11144477734", "rel", "CPF")));
        bad.put("payment", new HashMap<>(Map.of("type", "PIX", "date", "22/11/2026", "currency", "BRL", "amount", "0.00")));
        post(partner, bad).statusCode(422)
                .body("errors.code", hasItems("PARAMETRO_NAO_INFORMADO", "PARAMETRO_INVALIDO", "DATA_PAGAMENTO_INVALIDA"))
                .body("errors.detail", hasItems("redirectUri is required",
                        "loggedUser.document.identification is not a valid CPF (11 digits with check digits)",
                        "payment.amount must be greater than zero",
                        "payment.date must be an ISO date (yyyy-MM-dd)"))
                .body("meta.totalRecords", equalTo(4));

        given().auth().oauth2(PartnerTokens.issue(partner)).contentType(ContentType.JSON)
                .post("/v1/payment-intents").then().statusCode(400).body("errors[0].code", equalTo("PARAMETRO_NAO_INFORMADO"));
        given().auth().oauth2(PartnerTokens.issue(partner)).contentType(ContentType.JSON).body("{\"payment\": ")
                .post("/v1/payment-intents").then().statusCode(400).body("errors[0].code", equalTo("PARAMETRO_INVALIDO"));
        given().auth().oauth2(PartnerTokens.issue(partner)).contentType(ContentType.TEXT).body("amount=1")
                .post("/v1/payment-intents").then().statusCode(415).body("errors[0].code", equalTo("FORMATO_NAO_SUPORTADO"));

        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/consent", "postgres", "postgres")) {
            ResultSet rs = c.createStatement().executeQuery("select (select count(*) from payment_intent where partner_id = '"
                    + partner + "') + (select count(*) from payment_consent where partner_id = '" + partner + "')");
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void aPartnerNeverSeesAnotherPartnersIntent() {
        String id = post("partner-" + UUID.randomUUID(), ConsentRequests.intent()).statusCode(201).extract().path("id");
        given().auth().oauth2(PartnerTokens.issue("partner-" + UUID.randomUUID())).get("/v1/payment-intents/" + id)
                .then().statusCode(404).body("errors[0].code", equalTo("NAO_ENCONTRADO"));
        given().auth().oauth2(PartnerTokens.issue("p1")).get("/v1/payment-intents/not-a-uuid")
                .then().statusCode(404).body("errors[0].code", equalTo("NAO_ENCONTRADO"));
    }

    @Test
    void withoutAPartnerTokenTheAnswerIs401InOpenFinanceShape() {
        given().contentType(ContentType.JSON).body(ConsentRequests.intent()).post("/v1/payment-intents")
                .then().statusCode(401).body("errors[0].code", equalTo("NAO_AUTORIZADO"));
        given().auth().oauth2(PartnerTokens.expired("p1")).get("/v1/payment-intents/" + UUID.randomUUID())
                .then().statusCode(401).body("errors[0].code", equalTo("NAO_AUTORIZADO"));
    }
}
