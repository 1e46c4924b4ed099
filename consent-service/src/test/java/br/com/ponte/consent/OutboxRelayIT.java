package br.com.ponte.consent;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import br.com.ponte.infra.TopicProbe;
import br.com.ponte.kit.outbox.OutboxRelay;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox guarantee: an event committed with its state change reaches Kafka even when the relay
 * is down, or dies, between the commit and the publish; and the events of one subject keep their order.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "consent"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class OutboxRelayIT {

    @Inject
    OutboxRelay relay;

    @Inject
    br.com.ponte.kit.outbox.OutboxPurge purge;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @AfterEach
    void relayRunsAgain() {
        relay.start();
        await().atMost(Duration.ofSeconds(30)).until(relay::isRunning);
    }

    String createConsent() {
        return given().auth().oauth2(PartnerTokens.issue("partner-" + UUID.randomUUID()))
                .contentType(ContentType.JSON).body(ConsentRequests.valid())
                .post("/v1/payment-consents").then().statusCode(201).extract().path("id");
    }

    /**
     * Waits until the relay streams: a fresh slot first snapshots the table, and a relay stopped
     * during that snapshot may publish rows twice on restart (at least once, by design; consumers
     * drop duplicates). The exactly-once assertions below are about the steady state.
     */
    void relayIsStreaming() {
        await().atMost(Duration.ofSeconds(30)).until(relay::isRunning);
        String id = createConsent();
        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "consent.events")) {
            probe.awaitRecords(r -> id.equals(r.key()), 2, Duration.ofSeconds(60));
        }
    }

    @Test
    void purgedRowsWereRelayedAndThePurgePublishesNothing() throws Exception {
        relayIsStreaming();
        String id = createConsent();
        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "consent.events")) {
            probe.awaitRecords(r -> id.equals(r.key()), 2, Duration.ofSeconds(60));

            int purged = purge.purgeOlderThan(java.time.Instant.now().plusSeconds(1)).await().indefinitely();

            assertThat(purged).isGreaterThanOrEqualTo(2);
            try (var db = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/consent",
                    "postgres", "postgres"); var rs = db.createStatement().executeQuery("select count(*) from outbox")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            // the deletes are not events: nothing more arrives, and the relay goes on with new rows
            assertThat(probe.recordsWithin(r -> id.equals(r.key()), Duration.ofSeconds(3))).hasSize(2);
            String next = createConsent();
            probe.awaitRecords(r -> next.equals(r.key()), 2, Duration.ofSeconds(60));
            assertThat(relay.isRunning()).isTrue();
        }
    }

    @Test
    void eventsCommittedWhileTheRelayIsStoppedArePublishedWhenItRestarts() {
        relayIsStreaming();
        relay.stop();
        assertThat(relay.isRunning()).isFalse();

        String id = createConsent();

        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "consent.events")) {
            assertThat(probe.recordsWithin(r -> id.equals(r.key()), Duration.ofSeconds(3)))
                    .as("nothing is published while the relay is down").isEmpty();

            relay.start();

            List<ConsumerRecord<String, String>> records = probe.awaitRecords(r -> id.equals(r.key()), 2, Duration.ofSeconds(60));
            assertThat(records).extracting(r -> EventCodec.decode(r.value()).type())
                    .containsExactly("before:consent:create", "after:consent:create");
            assertThat(records).extracting(r -> EventCodec.decode(r.value()).sequence()).containsExactly(1L, 2L);
            assertThat(probe.recordsWithin(r -> id.equals(r.key()), Duration.ofSeconds(2)))
                    .as("each event exactly once").hasSize(2);
        }
    }

    @Test
    void aCrashBetweenCommitAndPublishLosesNothing() {
        relayIsStreaming();
        long failuresBefore = relay.failureCount();
        relay.crashBeforeNextPublish();

        String id = createConsent();

        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "consent.events")) {
            // The relay read the committed rows from the WAL, died before publishing them, restarted
            // from its stored position and published them then.
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.failureCount() == failuresBefore + 1);
            List<ConsumerRecord<String, String>> records = probe.awaitRecords(r -> id.equals(r.key()), 2, Duration.ofSeconds(60));
            EventEnvelope first = EventCodec.decode(records.get(0).value());
            EventEnvelope second = EventCodec.decode(records.get(1).value());
            assertThat(first.type()).isEqualTo("before:consent:create");
            assertThat(second.type()).isEqualTo("after:consent:create");
            assertThat(probe.recordsWithin(r -> id.equals(r.key()), Duration.ofSeconds(2))).hasSize(2);
        }
    }

    @Test
    void manyEventsOfOneSubjectKeepTheirSequenceAcrossARestart() {
        relayIsStreaming();
        relay.stop();
        List<String> ids = List.of(createConsent(), createConsent(), createConsent());
        relay.start();
        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "consent.events")) {
            for (String id : ids) {
                List<ConsumerRecord<String, String>> records = probe.awaitRecords(r -> id.equals(r.key()), 2, Duration.ofSeconds(60));
                assertThat(records).as(records.toString()).extracting(r -> EventCodec.decode(r.value()).sequence()).containsExactly(1L, 2L);
                assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
            }
        }
    }
}
