package br.com.ponte.webhook;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.TopicProbe;
import br.com.ponte.infra.WebhookReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static br.com.ponte.webhook.WebhookTestSupport.approved;
import static br.com.ponte.webhook.WebhookTestSupport.created;
import static br.com.ponte.webhook.WebhookTestSupport.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * What a partner relies on when its receiver misbehaves. Retry schedule in tests: 0s,1s,1s,1s,1s.
 */
@QuarkusTest
@WithTestResource(DispatcherTestResource.class)
class WebhookReliabilityIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    WebhookTestSupport support;
    WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        support = new WebhookTestSupport(bootstrap, dbPort);
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        support.close();
    }

    @Test
    void aReceiverThatIsDownForAWhileGetsEveryEventExactlyOnceWhenItIsBack() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        // The endpoint points at a port where nothing listens yet.
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/webhooks";
        var endpoint = given().auth().oauth2(PartnerTokens.issue(partner)).contentType(ContentType.JSON)
                .body(Map.of("url", url)).post("/v1/webhook-endpoints").then().statusCode(201).extract().jsonPath();
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            EventEnvelope event = created(partner, UUID.randomUUID().toString(), 1);
            events.add(event);
            support.publish(event);
        }
        Thread.sleep(1500); // first attempts fail: connection refused

        try (WebhookReceiver late = WebhookReceiver.startOn(port)) {
            late.verifyWith(endpoint.getString("secret"));
            for (EventEnvelope event : events) {
                late.await(r -> event.id().equals(r.webhookId()), 1, Duration.ofSeconds(30));
            }
            Thread.sleep(2500); // anything extra would arrive by now
            for (EventEnvelope event : events) {
                assertThat(late.received(r -> event.id().equals(r.webhookId()))).hasSize(1)
                        .allMatch(WebhookReceiver.Received::signatureValid);
            }
        }
    }

    /**
     * The database refuses the record of a delivery the receiver already has (here: its attempt table is
     * gone for a moment, as in an outage or a failover). The record is tried again until it is written,
     * within the delivery's lease, so the receiver gets the event once, not again after the lease.
     */
    @Test
    void aSuccessTheDatabaseCouldNotRecordAtOnceIsRecordedWhenItCanAndNotSentAgain() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        WebhookTestSupport.register(partner, receiver, Map.of());
        EventEnvelope event = created(partner, UUID.randomUUID().toString(), 1);
        try (Connection db = support.db(); Statement sql = db.createStatement()) {
            sql.execute("alter table webhook_attempt rename to webhook_attempt_away");
            try {
                support.publish(event);
                receiver.await(r -> event.id().equals(r.webhookId()), 1, Duration.ofSeconds(30));
                Thread.sleep(1_500); // the record fails a few times meanwhile
                assertThat(deliveryStatus(db, event)).isEqualTo("SENDING");
            } finally {
                sql.execute("alter table webhook_attempt_away rename to webhook_attempt");
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(deliveryStatus(db, event)).isEqualTo("SUCCEEDED"));
            try (ResultSet attempts = sql.executeQuery("select count(*) from webhook_attempt a join webhook_delivery d"
                    + " on d.id = a.delivery_id where d.message_id = '" + event.id() + "'")) {
                attempts.next();
                assertThat(attempts.getInt(1)).as("attempts recorded").isEqualTo(1);
            }
        }
        Thread.sleep(2_000);
        assertThat(receiver.received().stream().filter(r -> event.id().equals(r.webhookId()))).hasSize(1);
    }

    private static String deliveryStatus(Connection db, EventEnvelope event) throws Exception {
        try (Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("select status from webhook_delivery where message_id = '" + event.id() + "'")) {
            return row.next() ? row.getString(1) : null;
        }
    }

    @Test
    void a410DisablesTheEndpointAndThePartnerIsTold() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        String token = PartnerTokens.issue(partner);
        String goneId = register(partner, receiver, Map.of()).getString("id");
        receiver.answerWith(410);
        try (WebhookReceiver ops = WebhookReceiver.start()) {
            register(partner, ops, Map.of("eventTypes", List.of("webhook:endpoint:disabled")));
            EventEnvelope event = created(partner, UUID.randomUUID().toString(), 1);
            support.publish(event);

            receiver.await(r -> event.id().equals(r.webhookId()), 1, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token)
                    .get("/v1/webhook-endpoints/" + goneId).then().body("status", equalTo("DISABLED"))
                    .body("disabledReason", equalTo("GONE")));
            WebhookReceiver.Received notice = ops.await(r -> r.body().contains("webhook:endpoint:disabled"), 1, Duration.ofSeconds(30)).get(0);
            EventEnvelope disabled = EventCodec.decode(notice.body());
            assertThat(disabled.subject()).isEqualTo(goneId);
            assertThat(disabled.data().path("reason").asText()).isEqualTo("GONE");
            assertThat(notice.signatureValid()).isTrue();
            Thread.sleep(1500);
            assertThat(receiver.received(r -> event.id().equals(r.webhookId()))).as("no retry after 410").hasSize(1);
        }
    }

    @Test
    void anEndpointFailingForTheConfiguredPeriodIsDisabled() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        String token = PartnerTokens.issue(partner);
        String endpointId = register(partner, receiver, Map.of()).getString("id");
        receiver.answerWith(500);
        try (var c = support.db()) {
            // it has been failing for six days (the default period is five)
            c.createStatement().executeUpdate("update webhook_endpoint set failing_since = now() - interval '6 days' "
                    + "where id = '" + endpointId + "'");
        }
        EventEnvelope event = created(partner, UUID.randomUUID().toString(), 1);
        support.publish(event);
        receiver.await(r -> event.id().equals(r.webhookId()), 1, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token)
                .get("/v1/webhook-endpoints/" + endpointId).then().body("status", equalTo("DISABLED"))
                .body("disabledReason", equalTo("FAILING")));
        try (TopicProbe events = TopicProbe.subscribe(bootstrap, "webhook.events")) {
            EventEnvelope disabled = EventCodec.decode(events.awaitRecords(r -> endpointId.equals(r.key()), 1,
                    Duration.ofSeconds(30)).get(0).value());
            assertThat(disabled.type()).isEqualTo("webhook:endpoint:disabled");
            assertThat(disabled.data().path("reason").asText()).isEqualTo("FAILING");
        }
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        register(partner, receiver, Map.of());
        AtomicBoolean first = new AtomicBoolean(true);
        receiver.answerWith((body, headers) -> first.getAndSet(false)
                ? new WebhookReceiver.Answer(429, Map.of("Retry-After", "4"))
                : WebhookReceiver.Answer.of(200));
        EventEnvelope event = created(partner, UUID.randomUUID().toString(), 1);
        support.publish(event);

        List<WebhookReceiver.Received> got = receiver.await(r -> event.id().equals(r.webhookId()), 2, Duration.ofSeconds(30));
        Duration gap = Duration.between(got.get(0).at(), got.get(1).at());
        assertThat(gap).as("the schedule says 1 s; Retry-After says 4 s").isGreaterThanOrEqualTo(Duration.ofMillis(3900));
    }

    @Test
    void anExhaustedScheduleFailsTheMessageDeadLettersItTellsThePartnerAndItCanBeRecovered() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        String token = PartnerTokens.issue(partner);
        String endpointId = register(partner, receiver, Map.of()).getString("id");
        receiver.answerWith(500);
        try (WebhookReceiver ops = WebhookReceiver.start();
             TopicProbe deadLetters = TopicProbe.subscribe(bootstrap, "webhook.dead-letters")) {
            register(partner, ops, Map.of("eventTypes", List.of("webhook:message:failed")));
            EventEnvelope event = created(partner, UUID.randomUUID().toString(), 1);
            support.publish(event);

            receiver.await(r -> event.id().equals(r.webhookId()), 5, Duration.ofSeconds(30));
            ConsumerRecord<String, String> dead = deadLetters.awaitRecords(r -> endpointId.equals(r.key())
                    && r.value().contains(event.id()), 1, Duration.ofSeconds(30)).get(0);
            EventEnvelope failed = EventCodec.decode(dead.value());
            assertThat(failed.type()).isEqualTo("webhook:message:failed");
            assertThat(failed.data().path("attempts").asInt()).isEqualTo(5);
            assertThat(failed.data().path("lastStatusCode").asInt()).isEqualTo(500);
            assertThat(EventCodec.decode(failed.data().path("event").toString())).isEqualTo(event);
            WebhookReceiver.Received notice = ops.await(r -> r.body().contains(event.id()), 1, Duration.ofSeconds(30)).get(0);
            assertThat(notice.signatureValid()).isTrue();
            Thread.sleep(1500);
            assertThat(receiver.received(r -> event.id().equals(r.webhookId()))).as("no attempt after the schedule").hasSize(5);

            // The attempt log shows every attempt
            given().auth().oauth2(token).get("/v1/webhook-endpoints/" + endpointId + "/messages?status=FAILED&subject=" + event.subject())
                    .then().statusCode(200).body("size()", equalTo(1)).body("[0].messageId", equalTo(event.id()))
                    .body("[0].attempts", equalTo(5)).body("[0].lastStatusCode", equalTo(500));
            given().auth().oauth2(token).get("/v1/webhook-endpoints/" + endpointId + "/messages/" + event.id() + "/attempts")
                    .then().statusCode(200).body("status", equalTo("FAILED")).body("attempts.size()", equalTo(5))
                    .body("attempts[0].statusCode", equalTo(500)).body("attempts[0].trigger", equalTo("SCHEDULED"));

            // Recovery sends it once more, now successfully
            receiver.answerWith(200);
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("since", Instant.now().minusSeconds(600).toString()))
                    .post("/v1/webhook-endpoints/" + endpointId + "/recover").then().statusCode(200).body("messages", equalTo(1));
            receiver.await(r -> event.id().equals(r.webhookId()) && r.answeredWith() == 200, 1, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(token)
                    .get("/v1/webhook-endpoints/" + endpointId + "/messages/" + event.id() + "/attempts")
                    .then().body("status", equalTo("SUCCEEDED")).body("attempts[5].trigger", equalTo("MANUAL")));

            // A manual retry of one message sends it again
            given().auth().oauth2(token).post("/v1/webhook-endpoints/" + endpointId + "/messages/" + event.id() + "/retry")
                    .then().statusCode(202);
            receiver.await(r -> event.id().equals(r.webhookId()) && r.answeredWith() == 200, 2, Duration.ofSeconds(30));
        }
        // another partner sees nothing of it
        given().auth().oauth2(PartnerTokens.issue("partner-" + UUID.randomUUID()))
                .get("/v1/webhook-endpoints/" + endpointId + "/messages").then().statusCode(404);
    }

    @Test
    void orderedModeHoldsBackOnlyTheFailingSubject() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        register(partner, receiver, Map.of("ordered", true));
        String failing = UUID.randomUUID().toString();
        String healthy = UUID.randomUUID().toString();
        AtomicBoolean failingDown = new AtomicBoolean(true);
        receiver.answerWith((body, headers) -> failingDown.get() && body.contains(failing)
                ? WebhookReceiver.Answer.of(503) : WebhookReceiver.Answer.of(204));

        EventEnvelope f1 = created(partner, failing, 1);
        EventEnvelope f2 = approved(partner, failing, 2);
        EventEnvelope h1 = created(partner, healthy, 1);
        EventEnvelope h2 = approved(partner, healthy, 2);
        support.publish(f1);
        support.publish(f2);
        support.publish(h1);
        support.publish(h2);

        receiver.await(r -> h2.id().equals(r.webhookId()), 1, Duration.ofSeconds(30));
        receiver.await(r -> f1.id().equals(r.webhookId()), 2, Duration.ofSeconds(30));
        assertThat(receiver.received(r -> f2.id().equals(r.webhookId()))).as("held back behind f1").isEmpty();

        failingDown.set(false);
        receiver.await(r -> f2.id().equals(r.webhookId()), 1, Duration.ofSeconds(30));
        List<String> order = receiver.received(r -> r.answeredWith() == 204).stream().map(WebhookReceiver.Received::webhookId)
                .filter(id -> id.equals(f1.id()) || id.equals(f2.id()) || id.equals(h1.id()) || id.equals(h2.id())).toList();
        assertThat(order.indexOf(f1.id())).isLessThan(order.indexOf(f2.id()));
        assertThat(order.indexOf(h1.id())).isLessThan(order.indexOf(h2.id()));
    }

    @Test
    void theRateLimitIsHonouredUnderLoad() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        register(partner, receiver, Map.of("rateLimit", 5));
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            EventEnvelope event = created(partner, UUID.randomUUID().toString(), 1);
            events.add(event);
            support.publish(event);
        }
        List<WebhookReceiver.Received> got = receiver.await(r -> true, 20, Duration.ofSeconds(30));
        // a bucket of 5 then 5 per second: 20 requests take at least 3 s, and no second holds more than 5 + the burst
        Duration span = Duration.between(got.get(0).at(), got.get(19).at());
        assertThat(span).isGreaterThanOrEqualTo(Duration.ofMillis(2800));
        for (WebhookReceiver.Received r : got) {
            long inWindow = got.stream().filter(o -> !o.at().isBefore(r.at()) && o.at().isBefore(r.at().plusSeconds(1))).count();
            assertThat(inWindow).isLessThanOrEqualTo(10);
        }
        assertThat(got).extracting(WebhookReceiver.Received::webhookId)
                .containsExactlyInAnyOrderElementsOf(events.stream().map(EventEnvelope::id).toList());
    }
}
