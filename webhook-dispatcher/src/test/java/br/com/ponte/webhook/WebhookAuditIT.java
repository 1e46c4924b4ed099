package br.com.ponte.webhook;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.data.AuditRecorded;
import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.TopicProbe;
import br.com.ponte.infra.WebhookReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static br.com.ponte.webhook.WebhookTestSupport.created;
import static br.com.ponte.webhook.WebhookTestSupport.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every change of an endpoint writes exactly one {@code audit:recorded}, in the transaction of the
 * change (the endpoint row's {@code xmin}): created, updated, disabled and enabled by the partner,
 * its secret rotated, deleted, and disabled by the dispatcher itself (SYSTEM). No entry holds a
 * secret or the URL's query; the entries reach {@code audit.events}, which the dispatcher never
 * delivers to a partner.
 */
@QuarkusTest
@WithTestResource(DispatcherTestResource.class)
class WebhookAuditIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @Test
    void eachChangeOfAnEndpointIsAuditedInItsTransaction() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        String token = PartnerTokens.issue(partner);
        String queryToken = "tok_" + UUID.randomUUID();
        var created = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("url", "https://partner.example/hooks?token=" + queryToken, "eventTypes", List.of("consent:approved")))
                .post("/v1/webhook-endpoints").then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");
        List<String> secrets = new ArrayList<>(List.of(created.getString("secret")));
        assertLastAuditedWithTheChange(id, 1, "webhook-endpoint.created");

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("url", "https://partner.example/v2/hooks", "ordered", true)).patch("/v1/webhook-endpoints/" + id)
                .then().statusCode(200);
        assertLastAuditedWithTheChange(id, 2, "webhook-endpoint.updated");
        given().auth().oauth2(token).post("/v1/webhook-endpoints/" + id + "/disable").then().statusCode(200);
        assertLastAuditedWithTheChange(id, 3, "webhook-endpoint.disabled");
        given().auth().oauth2(token).post("/v1/webhook-endpoints/" + id + "/enable").then().statusCode(200);
        assertLastAuditedWithTheChange(id, 4, "webhook-endpoint.enabled");
        secrets.add(given().auth().oauth2(token).post("/v1/webhook-endpoints/" + id + "/secret/rotate").then().statusCode(200)
                .extract().path("secret"));
        assertLastAuditedWithTheChange(id, 5, "webhook-endpoint.secret-rotated");
        given().auth().oauth2(token).delete("/v1/webhook-endpoints/" + id).then().statusCode(204);
        assertLastAuditedWithTheChange(id, 6, "webhook-endpoint.deleted");
        // a refused change audits nothing
        given().auth().oauth2(token).delete("/v1/webhook-endpoints/" + id).then().statusCode(404);
        given().auth().oauth2(PartnerTokens.issue("partner-" + UUID.randomUUID())).post("/v1/webhook-endpoints/" + id + "/disable")
                .then().statusCode(404);

        List<Row> rows = auditRows(id);
        assertThat(rows).extracting(r -> r.entry().action()).containsExactly("webhook-endpoint.created",
                "webhook-endpoint.updated", "webhook-endpoint.disabled", "webhook-endpoint.enabled",
                "webhook-endpoint.secret-rotated", "webhook-endpoint.deleted");
        for (Row row : rows) {
            assertThat(row.entry().actorType()).isEqualTo("PARTNER");
            assertThat(row.entry().actorId()).isEqualTo(partner);
            assertThat(row.entry().resourceType()).isEqualTo("webhook-endpoint");
            assertThat(row.partnerId()).isEqualTo(partner);
            // no secret, and not the URL's query, where a partner may keep a token
            for (String secret : secrets) {
                assertThat(row.payload()).doesNotContain(secret, secret.substring("whsec_".length()));
            }
            assertThat(row.payload()).doesNotContain(queryToken);
        }
        assertThat(rows.get(0).entry().details()).containsEntry("url", "https://partner.example/hooks")
                .containsEntry("eventTypes", "consent:approved").containsEntry("signatureAlgorithm", "hmac");
        assertThat(rows.get(1).entry().details()).containsEntry("changed", "url,ordered")
                .containsEntry("url", "https://partner.example/v2/hooks").containsEntry("previousUrl", "https://partner.example/hooks")
                .containsEntry("ordered", "true").containsEntry("previousOrdered", "false");
        assertThat(rows.get(2).entry().details()).containsEntry("reason", "MANUAL").containsEntry("status", "DISABLED");
        assertThat(rows.get(4).entry().details()).containsKey("overlapEndsAt");
        assertThat(rows.get(5).entry().details()).containsEntry("status", "DELETED");

        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "audit.events")) {
            List<ConsumerRecord<String, String>> records = probe.awaitRecords(
                    r -> ("audit:webhook-endpoint:" + id).equals(r.key()), 6, Duration.ofSeconds(30));
            assertThat(records).extracting(r -> EventCodec.decode(r.value()).dataAs(AuditRecorded.class).action())
                    .containsExactlyElementsOf(rows.stream().map(r -> r.entry().action()).toList());
            EventEnvelope first = EventCodec.decode(records.get(0).value());
            assertThat(first.source()).isEqualTo("webhook-dispatcher");
            assertThat(first.partnerId()).isEqualTo(partner);
        }
    }

    @Test
    void anEndpointTheDispatcherDisablesIsAuditedAsTheSystemsAction() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        try (WebhookTestSupport support = new WebhookTestSupport(bootstrap, dbPort);
             WebhookReceiver receiver = WebhookReceiver.start()) {
            String id = register(partner, receiver, Map.of()).getString("id");
            receiver.answerWith(410);
            support.publish(created(partner, UUID.randomUUID().toString(), 1));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(PartnerTokens.issue(partner))
                    .get("/v1/webhook-endpoints/" + id).then().body("status", equalTo("DISABLED")));

            List<Row> rows = auditRows(id);
            assertThat(rows).extracting(r -> r.entry().action())
                    .containsExactly("webhook-endpoint.created", "webhook-endpoint.disabled");
            Row disabled = rows.get(1);
            assertThat(disabled.entry().actorType()).isEqualTo("SYSTEM");
            assertThat(disabled.entry().actorId()).isEqualTo("delivery-worker");
            assertThat(disabled.entry().details()).containsEntry("reason", "GONE").containsEntry("status", "DISABLED");
            assertThat(disabled.partnerId()).isEqualTo(partner);
            // in the transaction that disabled it and told the partner
            assertThat(disabled.xmin()).isEqualTo(xmin("select xmin::text from outbox where aggregateid = ? and type = ?",
                    id, "webhook:endpoint:disabled")).isEqualTo(xmin("select xmin::text from webhook_endpoint where id::text = ?", id));
        }
    }

    @Test
    void noPartnerSubscribesToTheAuditLog() {
        given().auth().oauth2(PartnerTokens.issue("partner-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("url", "https://partner.example/hooks", "eventTypes", List.of("audit:recorded")))
                .post("/v1/webhook-endpoints").then().statusCode(422)
                .body("errors[0].code", equalTo("PARAMETRO_INVALIDO"))
                .body("errors[0].detail", equalTo("eventTypes: 'audit:recorded' is not delivered to webhooks"));
    }

    record Row(AuditRecorded entry, String payload, String partnerId, String xmin) {
    }

    /** The endpoint's audit entries number {@code count}, the last one {@code action}, committed with the endpoint's change. */
    void assertLastAuditedWithTheChange(String id, int count, String action) throws SQLException {
        List<Row> rows = auditRows(id);
        assertThat(rows).as("audit entries of endpoint %s", id).hasSize(count);
        Row last = rows.get(count - 1);
        assertThat(last.entry().action()).isEqualTo(action);
        assertThat(last.xmin()).as("%s commits with the endpoint's change", action)
                .isEqualTo(xmin("select xmin::text from webhook_endpoint where id::text = ?", id));
    }

    List<Row> auditRows(String endpointId) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection db = db(); PreparedStatement q = db.prepareStatement(
                "select payload::text, partner_id, xmin::text from outbox where aggregatetype = 'audit.events' "
                        + "and aggregateid = ? order by sequence")) {
            q.setString(1, "audit:webhook-endpoint:" + endpointId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    EventEnvelope event = EventCodec.decode(rs.getString(1));
                    rows.add(new Row(event.dataAs(AuditRecorded.class), rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return rows;
    }

    String xmin(String sql, String... parameters) throws SQLException {
        try (Connection db = db(); PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                q.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        }
    }

    Connection db() throws SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/webhook", "postgres", "postgres");
    }
}
