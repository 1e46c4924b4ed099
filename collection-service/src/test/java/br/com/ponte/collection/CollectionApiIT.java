package br.com.ponte.collection;

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
        @ResourceArg(name = "database", value = "collection"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class CollectionApiIT {

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @Test
    void theServiceIsReadyAndDescribesItself() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200);
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Ponte collection-service"))
                .body("components.securitySchemes.partnerToken.scheme", equalTo("bearer"))
                .body("paths.'/v1/collections/{id}'.get.security[0]", hasKey("partnerToken"));
    }

    @Test
    void withoutATokenTheCollectionApiAnswers401InOpenFinanceShape() {
        given().get("/v1/collections/" + UUID.randomUUID())
                .then().statusCode(401).body("errors[0].code", equalTo("NAO_AUTORIZADO")).body("meta", notNullValue());
    }

    @Test
    void anUnknownCollectionIsNotFound() {
        String partner = "partner-" + UUID.randomUUID();
        given().auth().oauth2(PartnerTokens.issue(partner)).get("/v1/collections/" + UUID.randomUUID())
                .then().statusCode(404).body("errors[0].code", equalTo("NAO_ENCONTRADO"));
        given().auth().oauth2(PartnerTokens.issue(partner)).get("/v1/collections/not-a-uuid")
                .then().statusCode(404).body("errors[0].code", equalTo("NAO_ENCONTRADO"));
    }

    @Test
    void aPartnerReadsItsOwnCollectionAndNeverAnotherPartners() throws Exception {
        String owner = "partner-" + UUID.randomUUID();
        UUID id = UUID.randomUUID();
        UUID consentId = UUID.randomUUID();
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        Instant finished = started.plusSeconds(42);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/collection", "postgres", "postgres");
             PreparedStatement insert = c.prepareStatement("insert into collection (id, partner_id, consent_id, "
                     + "transmitter, status, started_at, finished_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, owner);
            insert.setObject(3, consentId);
            insert.setString(4, "sandbox-bank");
            insert.setString(5, "FINISHED");
            insert.setTimestamp(6, Timestamp.from(started));
            insert.setTimestamp(7, Timestamp.from(finished));
            insert.executeUpdate();
        }

        given().auth().oauth2(PartnerTokens.issue(owner)).get("/v1/collections/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("consentId", equalTo(consentId.toString()))
                .body("transmitter", equalTo("sandbox-bank"))
                .body("status", equalTo("FINISHED"))
                .body("startedAt", equalTo(started.toString()))
                .body("finishedAt", equalTo(finished.toString()));

        given().auth().oauth2(PartnerTokens.issue("partner-" + UUID.randomUUID())).get("/v1/collections/" + id)
                .then().statusCode(404).body("errors[0].code", equalTo("NAO_ENCONTRADO"));
    }
}
