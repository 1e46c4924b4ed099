package br.com.ponte.webhook;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.infra.TopicProbe;
import br.com.ponte.infra.WebhookReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events on Kafka reach a real receiver, signed; redeliveries, filters, failures and bad records behave. */
@QuarkusTest
@WithTestResource(DispatcherTestResource.class)
class WebhookDeliveryIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    WebhookReceiver receiver;
    WebhookTestSupport support;

    @BeforeEach
    void setUp() {
        receiver = WebhookReceiver.start();
        support = new WebhookTestSupport(bootstrap, dbPort);
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        support.close();
    }

    String register(String partner, List<String> eventTypes) {
        return WebhookTestSupport.register(partner, receiver, Map.of("eventTypes", eventTypes)).getString("id");
    }

    void publish(EventEnvelope event) throws Exception {
        support.publish(event);
    }

    @Test
    void anEventIsDeliveredSignedWithTheStandardWebhooksHeaders() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        register(partner, List.of());
        EventEnvelope event = WebhookTestSupport.created(partner, UUID.randomUUID().toString(), 1);

        publish(event);

        WebhookReceiver.Received got = receiver.await(r -> event.id().equals(r.webhookId()), 1, Duration.ofSeconds(30)).get(0);
        assertThat(got.signatureValid()).as(got.verificationError()).isTrue();
        assertThat(got.contentType()).startsWith("application/json");
        assertThat(got.signature()).startsWith("v1,");
        assertThat(Long.parseLong(got.timestamp())).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(30L));
        EventEnvelope delivered = EventCodec.decode(got.body());
        assertThat(delivered).isEqualTo(event);
    }

    @Test
    void aRedeliveredEventIsDeliveredOnce() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        register(partner, List.of());
        EventEnvelope event = WebhookTestSupport.created(partner, UUID.randomUUID().toString(), 1);

        publish(event);
        publish(event);
        publish(event);

        receiver.await(r -> event.id().equals(r.webhookId()), 1, Duration.ofSeconds(30));
        EventEnvelope marker = WebhookTestSupport.approved(partner, event.subject(), 2);
        publish(marker);
        receiver.await(r -> marker.id().equals(r.webhookId()), 1, Duration.ofSeconds(30));
        assertThat(receiver.received(r -> event.id().equals(r.webhookId()))).hasSize(1);
    }

    @Test
    void onlyTheSubscribedTypesAreDelivered() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        register(partner, List.of("consent:approved"));
        String consent = UUID.randomUUID().toString();
        EventEnvelope first = WebhookTestSupport.created(partner, consent, 1);
        EventEnvelope second = WebhookTestSupport.approved(partner, consent, 2);

        publish(first);
        publish(second);

        receiver.await(r -> second.id().equals(r.webhookId()), 1, Duration.ofSeconds(30));
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::webhookId).containsExactly(second.id());
    }

    @Test
    void anotherPartnersEventsNeverReachAnEndpoint() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        register(partner, List.of());
        EventEnvelope foreign = WebhookTestSupport.created("partner-" + UUID.randomUUID(), UUID.randomUUID().toString(), 1);
        EventEnvelope own = WebhookTestSupport.created(partner, UUID.randomUUID().toString(), 1);

        publish(foreign);
        publish(own);

        receiver.await(r -> own.id().equals(r.webhookId()), 1, Duration.ofSeconds(30));
        assertThat(receiver.received(r -> foreign.id().equals(r.webhookId()))).isEmpty();
    }

    @Test
    void aFailingReceiverGetsTheEventOnceItRecoversAndEveryAttemptIsLogged() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        register(partner, List.of());
        receiver.answerWith(503);
        EventEnvelope event = WebhookTestSupport.created(partner, UUID.randomUUID().toString(), 1);

        publish(event);
        receiver.await(r -> event.id().equals(r.webhookId()), 2, Duration.ofSeconds(30));
        receiver.answerWith(200);
        receiver.await(r -> event.id().equals(r.webhookId()) && r.answeredWith() == 200, 1, Duration.ofSeconds(30));

        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/webhook", "postgres", "postgres")) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                ResultSet rs = c.createStatement().executeQuery("select d.status, d.attempts, "
                        + "(select count(*) from webhook_attempt a where a.delivery_id = d.id and a.status_code = 503) "
                        + "from webhook_delivery d where d.message_id = '" + event.id() + "'");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("SUCCEEDED");
                assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(3);
                assertThat(rs.getInt(3)).isGreaterThanOrEqualTo(2);
            });
        }
        assertThat(receiver.received(r -> event.id().equals(r.webhookId()))).allMatch(WebhookReceiver.Received::signatureValid);
    }

    @Test
    void aBatchMixingPartnersDuplicatesAndMalformedRecordsIsIngestedAsAWhole() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        register(partner, List.of());
        String other = "partner-" + UUID.randomUUID();
        List<EventEnvelope> events = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(WebhookTestSupport.created(partner, UUID.randomUUID().toString(), 1));
        }
        String malformedKey = "bad-" + UUID.randomUUID();
        EventEnvelope otherCreated = WebhookTestSupport.created(other, UUID.randomUUID().toString(), 1);
        EventEnvelope otherApproved = WebhookTestSupport.approved(other, otherCreated.subject(), 2);
        try (WebhookReceiver otherReceiver = WebhookReceiver.start()) {
            WebhookTestSupport.register(other, otherReceiver, Map.of("eventTypes", List.of("consent:approved")));

            // sent without waiting, so that they reach the dispatcher in few polls; every event twice
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrap);
            p.put("key.serializer", StringSerializer.class.getName());
            p.put("value.serializer", StringSerializer.class.getName());
            p.put("linger.ms", "100");
            try (KafkaProducer<String, String> lingering = new KafkaProducer<>(p)) {
                for (int round = 0; round < 2; round++) {
                    for (int i = 0; i < events.size(); i++) {
                        EventEnvelope e = events.get(i);
                        lingering.send(new ProducerRecord<>("consent.events", e.subject(), EventCodec.encode(e)));
                        if (round == 0 && i == 20) {
                            lingering.send(new ProducerRecord<>("consent.events", malformedKey, "{\"half\": \"an event\"}"));
                            lingering.send(new ProducerRecord<>("consent.events", otherCreated.subject(), EventCodec.encode(otherCreated)));
                            lingering.send(new ProducerRecord<>("consent.events", otherApproved.subject(), EventCodec.encode(otherApproved)));
                        }
                    }
                }
                lingering.flush();
            }

            for (EventEnvelope e : events) {
                receiver.await(r -> e.id().equals(r.webhookId()), 1, Duration.ofSeconds(30));
            }
            otherReceiver.await(r -> otherApproved.id().equals(r.webhookId()), 1, Duration.ofSeconds(30));
            try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "consent.events.dlq")) {
                var deadLetter = probe.awaitRecords(r -> malformedKey.equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
                assertThat(deadLetter.value()).isEqualTo("{\"half\": \"an event\"}");
                assertThat(new String(deadLetter.headers().lastHeader("dead-letter-topic").value())).isEqualTo("consent.events");
                assertThat(deadLetter.headers().lastHeader("dead-letter-reason")).isNotNull();
            }
            // a marker sent last: when it has arrived, every duplicate has been ingested too
            EventEnvelope marker = WebhookTestSupport.approved(partner, events.get(0).subject(), 2);
            publish(marker);
            receiver.await(r -> marker.id().equals(r.webhookId()), 1, Duration.ofSeconds(30));

            assertThat(receiver.received()).hasSize(events.size() + 1).allMatch(WebhookReceiver.Received::signatureValid);
            assertThat(otherReceiver.received()).extracting(WebhookReceiver.Received::webhookId).containsExactly(otherApproved.id());
            assertThat(otherReceiver.received()).allMatch(WebhookReceiver.Received::signatureValid);
        }
        // the attempt log holds one 2xx attempt and one SUCCEEDED delivery per event
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/webhook", "postgres", "postgres")) {
            String ids = events.stream().map(e -> "'" + e.id() + "'").collect(java.util.stream.Collectors.joining(","));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                ResultSet rs = c.createStatement().executeQuery("select count(*) filter (where d.status = 'SUCCEEDED' and d.attempts = 1), "
                        + "count(distinct d.id), (select count(*) from webhook_attempt a join webhook_delivery x on x.id = a.delivery_id "
                        + "where x.message_id in (" + ids + ") and a.status_code between 200 and 299) "
                        + "from webhook_delivery d where d.message_id in (" + ids + ")");
                assertThat(rs.next()).isTrue();
                assertThat(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3))).containsExactly(events.size(), events.size(), events.size());
            });
        }
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopic() throws Exception {
        String key = "bad-" + UUID.randomUUID();
        support.producer.send(new ProducerRecord<>("consent.events", key, "{\"this is\": \"not an event\"}")).get();
        support.producer.send(new ProducerRecord<>("consent.events", key, "not even json")).get();
        String badId = EventCodec.encode(WebhookTestSupport.created("p", UUID.randomUUID().toString(), 1)).replaceFirst(
                "\"id\":\"[^\"]+\"", "\"id\":\"evt_42\"");
        support.producer.send(new ProducerRecord<>("consent.events", key, badId)).get();

        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "consent.events.dlq")) {
            assertThat(probe.awaitRecords(r -> key.equals(r.key()), 3, Duration.ofSeconds(30)))
                    .extracting(r -> r.value()).containsExactly("{\"this is\": \"not an event\"}", "not even json", badId);
        }
        // and the consumer goes on with the next records
        String partner = "partner-" + UUID.randomUUID();
        register(partner, List.of());
        EventEnvelope event = WebhookTestSupport.created(partner, UUID.randomUUID().toString(), 1);
        publish(event);
        receiver.await(r -> event.id().equals(r.webhookId()), 1, Duration.ofSeconds(30));
    }
}
