package br.com.ponte.webhook;

import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.WebhookReceiver;
import br.com.ponte.infra.fuzz.IsolationMatrix;
import br.com.ponte.infra.fuzz.RowCounts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Partner isolation in webhook-dispatcher, generated from its OpenAPI document ({@link IsolationMatrix}):
 * partner A has an endpoint with a delivered message; partner B reads, changes, disables, deletes,
 * rotates, tests, retries and recovers on A's ids (and on its own endpoint with A's message) and
 * gets 404, B's list holds nothing of A, bad tokens get 401. A's endpoint, messages and attempts
 * read the same afterwards and nothing more reached A's receiver.
 */
@QuarkusTest
@WithTestResource(DispatcherTestResource.class)
class WebhookIsolationIT {

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @Test
    void partnerBNeverReachesPartnerAsEndpointsOrMessages() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String a = "partner-" + UUID.randomUUID();
        String b = "partner-" + UUID.randomUUID();
        String tokenA = PartnerTokens.issue(a);
        try (WebhookReceiver receiver = WebhookReceiver.start();
             RowCounts rowsOfA = new RowCounts("jdbc:postgresql://localhost:" + dbPort + "/webhook", "postgres", "postgres", a)) {
            JsonPath endpoint = WebhookTestSupport.register(a, receiver, Map.of("description", "Loja A " + marker));
            String endpointId = endpoint.getString("id");
            String message = given().auth().oauth2(tokenA).contentType(ContentType.JSON).body(Map.of("message", "Olá A " + marker))
                    .post("/v1/webhook-endpoints/" + endpointId + "/test").then().statusCode(202).extract().path("messageId");
            receiver.await(r -> true, 1, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(given().auth().oauth2(tokenA)
                    .get("/v1/webhook-endpoints/" + endpointId + "/messages/" + message + "/attempts").then().extract().path("status")));
            String endpointOfB = given().auth().oauth2(PartnerTokens.issue(b)).contentType(ContentType.JSON)
                    .body(Map.of("url", "https://partner.example/b-hooks", "eventTypes", List.of()))
                    .post("/v1/webhook-endpoints").then().statusCode(201).extract().path("id");
            int delivered = receiver.received().size();

            IsolationMatrix.Report report = IsolationMatrix.of(base).named("webhook-dispatcher")
                    .tokens(IsolationMatrix.partnerTokens())
                    .owner(a, tokenA)
                    .intruder(b, PartnerTokens.issue(b))
                    .id("id", endpointId)
                    .id("endpointId", endpointId)
                    .id("messageId", message)
                    .intruderId("endpointId", endpointOfB)
                    .secrets(endpointId, message, endpoint.getString("secret"), receiver.url(), "Loja A " + marker, "Olá A " + marker)
                    // valid bodies: a URL or a time is checked before the endpoint is looked up
                    .body("PATCH /v1/webhook-endpoints/{id}", "{\"description\":\"B was here\"}")
                    .body("POST /v1/webhook-endpoints/{endpointId}/recover", "{\"since\":\"2020-01-01T00:00:00Z\"}")
                    .rows(rowsOfA)
                    .run();
            System.out.println(report.summary());
            System.out.println(report.table());
            assertThat(report.violations()).as(report.summary()).isEmpty();
            assertThat(report.checks()).isGreaterThan(50);
            Thread.sleep(500);
            assertThat(receiver.received()).as("nothing more was sent to A's receiver").hasSize(delivered);
        }
    }
}
