package br.com.ponte.payment;

import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "payment"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class PixPaymentApiIT {

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @Test
    void theServiceIsReadyAndDescribesItself() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200);
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Ponte payment-service"))
                .body("components.securitySchemes.partnerToken.scheme", equalTo("bearer"))
                .body("paths.'/v1/pix/payments/{id}'.get.security[0]", hasKey("partnerToken"));
    }

    @Test
    void withoutATokenThePaymentApiAnswers401InOpenFinanceShape() {
        given().get("/v1/pix/payments/" + UUID.randomUUID())
                .then().statusCode(401).body("errors[0].code", equalTo("NAO_AUTORIZADO")).body("meta", notNullValue());
    }

    @Test
    void anUnknownPaymentIsNotFound() {
        String partner = "partner-" + UUID.randomUUID();
        given().auth().oauth2(PartnerTokens.issue(partner)).get("/v1/pix/payments/" + UUID.randomUUID())
                .then().statusCode(404).body("errors[0].code", equalTo("NAO_ENCONTRADO"));
        given().auth().oauth2(PartnerTokens.issue(partner)).get("/v1/pix/payments/not-a-uuid")
                .then().statusCode(404).body("errors[0].code", equalTo("NAO_ENCONTRADO"));
    }

    @Test
    void aPartnerReadsItsOwnPaymentAndNeverAnotherPartners() throws Exception {
        String owner = "partner-" + UUID.randomUUID();
        UUID id = UUID.randomUUID();
        UUID consentId = UUID.randomUUID();
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        Instant rejected = created.plusSeconds(12);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/payment", "postgres", "postgres");
             PreparedStatement insert = c.prepareStatement("insert into pix_payment (id, partner_id, consent_id, "
                     + "transmitter_payment_id, status, rejection_code, end_to_end_id, created_at, status_updated_at) "
                     + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, owner);
            insert.setObject(3, consentId);
            insert.setString(4, "TXPAY-123");
            insert.setString(5, "RJCT");
            insert.setString(6, "SALDO_INSUFICIENTE");
            insert.setString(7, "E9040088820210128000800123873170");
            insert.setTimestamp(8, Timestamp.from(created));
            insert.setTimestamp(9, Timestamp.from(rejected));
            insert.executeUpdate();
        }

        given().auth().oauth2(PartnerTokens.issue(owner)).get("/v1/pix/payments/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("consentId", equalTo(consentId.toString()))
                .body("status", equalTo("RJCT"))
                .body("rejectionCode", equalTo("SALDO_INSUFICIENTE"))
                .body("transmitterPaymentId", equalTo("TXPAY-123"))
                .body("endToEndId", equalTo("E9040088820210128000800123873170"))
                .body("creationDateTime", equalTo(created.toString()))
                .body("statusUpdateDateTime", equalTo(rejected.toString()));

        given().auth().oauth2(PartnerTokens.issue("partner-" + UUID.randomUUID())).get("/v1/pix/payments/" + id)
                .then().statusCode(404).body("errors[0].code", equalTo("NAO_ENCONTRADO"));
    }
}
