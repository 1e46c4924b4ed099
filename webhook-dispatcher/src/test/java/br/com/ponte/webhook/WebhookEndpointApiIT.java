package br.com.ponte.webhook;

import br.com.ponte.infra.PartnerTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(DispatcherTestResource.class)
class WebhookEndpointApiIT {

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @Test
    void registeringReturnsTheSecretOnceAndNeverAgain() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        String token = PartnerTokens.issue(partner);
        var created = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("url", "https://partner.example/hooks", "eventTypes", List.of("consent:approved", "consent:finish"),
                        "description", "production receiver"))
                .post("/v1/webhook-endpoints").then().statusCode(201)
                .body("secret", startsWith("whsec_"))
                .body("status", equalTo("ACTIVE"))
                .body("eventTypes", hasItems("consent:approved", "consent:finish"))
                .extract().jsonPath();
        String id = created.getString("id");
        String secret = created.getString("secret");

        given().auth().oauth2(token).get("/v1/webhook-endpoints/" + id).then().statusCode(200)
                .body("url", equalTo("https://partner.example/hooks")).body("secret", nullValue());
        given().auth().oauth2(token).get("/v1/webhook-endpoints").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].id", equalTo(id)).body("[0].secret", nullValue());

        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/webhook", "postgres", "postgres")) {
            ResultSet rs = c.createStatement().executeQuery("select * from webhook_endpoint where id = '" + id + "'");
            assertThat(rs.next()).isTrue();
            String secretKey = secret.substring("whsec_".length());
            for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
                byte[] value = rs.getBytes(col);
                if (value != null) {
                    String text = new String(value, StandardCharsets.ISO_8859_1);
                    assertThat(text).doesNotContain(secretKey);
                    assertThat(text).doesNotContain(new String(java.util.Base64.getDecoder().decode(secretKey),
                            StandardCharsets.ISO_8859_1));
                }
            }
        }
    }

    @Test
    void anotherPartnerCannotSeeTheEndpoint() {
        String id = given().auth().oauth2(PartnerTokens.issue("partner-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("url", "https://a.example/hooks")).post("/v1/webhook-endpoints")
                .then().statusCode(201).extract().path("id");
        String other = PartnerTokens.issue("partner-" + UUID.randomUUID());
        given().auth().oauth2(other).get("/v1/webhook-endpoints/" + id).then().statusCode(404)
                .body("errors[0].code", equalTo("NAO_ENCONTRADO"));
        given().auth().oauth2(other).get("/v1/webhook-endpoints").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void badRegistrationsAreRefused() {
        String token = PartnerTokens.issue("partner-" + UUID.randomUUID());
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("url", "ftp://x.example/hooks", "eventTypes", List.of("consent:approved", "consent:teleported")))
                .post("/v1/webhook-endpoints").then().statusCode(422)
                .body("errors.detail", hasItems("url must be an absolute http(s) URL of at most 2048 characters",
                        "eventTypes: unknown event type 'consent:teleported'"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("eventTypes", List.of()))
                .post("/v1/webhook-endpoints").then().statusCode(422).body("errors[0].detail", equalTo("url is required"));
        given().contentType(ContentType.JSON).body(Map.of("url", "https://x.example"))
                .post("/v1/webhook-endpoints").then().statusCode(401).body("errors[0].code", equalTo("NAO_AUTORIZADO"));
    }
}
