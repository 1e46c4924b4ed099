package br.com.ponte.payment;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.EventTime;
import br.com.ponte.events.data.ConsentApproved;
import br.com.ponte.infra.PonteInfraTestResource;
import br.com.ponte.infra.TopicProbe;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * payment-service's consumer of {@code consent.events}: a record that is not an event goes to
 * {@code consent.events.dlq} and the next is read; an authorised consent's automatic payment is
 * recorded and, while consent-service cannot be reached (none runs in this module's tests), tried
 * again and again rather than dropped. devstack's ReplicasIT shows it made once consent-service is back.
 */
@QuarkusTest
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "payment"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class AutomaticPaymentsIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @Test
    void aMalformedRecordIsDeadLetteredAndAnAuthorisedConsentsPaymentWaitsOutConsentServicesAbsence() throws Exception {
        String key = UUID.randomUUID().toString();
        String consentId = UUID.randomUUID().toString();
        EventEnvelope approved = EventEnvelope.create(new ConsentApproved(consentId, "urn:bank:" + consentId, "AUTHORISED",
                Instant.now(), Instant.now().plusSeconds(3600)), "consent-service", consentId, "partner-" + key, EventTime.now(), 3);
        try (KafkaProducer<String, String> producer = producer()) {
            ProducerRecord<String, String> malformed = new ProducerRecord<>("consent.events", key, "{\"not\":\"an event\"}");
            malformed.headers().add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.UTF_8));
            producer.send(malformed).get();
            producer.send(new ProducerRecord<>("consent.events", consentId, EventCodec.encode(approved))).get();
        }

        try (TopicProbe probe = TopicProbe.subscribe(bootstrap, "consent.events.dlq")) {
            ConsumerRecord<String, String> dead = probe.awaitRecords(r -> key.equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
            assertThat(dead.value()).isEqualTo("{\"not\":\"an event\"}");
            assertThat(header(dead, "dead-letter-topic")).isEqualTo("consent.events");
            assertThat(header(dead, "dead-letter-reason")).isNotBlank();
            assertThat(header(dead, "dead-letter-offset")).matches("\\d+");
            assertThat(dead.headers().headers("traceparent")).as("the record's own headers, unchanged").hasSize(1);
        }

        // the consent after it was read: its automatic payment is recorded and tried again while consent-service is away
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (attempts(consentId) < 2) {
            assertThat(System.nanoTime()).as("tried twice within 30 s").isLessThan(deadline);
            Thread.sleep(250);
        }
        try (Connection c = db(); ResultSet rs = c.createStatement().executeQuery(
                "select last_error, next_attempt_at > now() from automatic_payment where consent_id = '" + consentId + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isNotBlank();
            assertThat(rs.getBoolean(2)).as("the next try is scheduled").isTrue();
        }
        try (Connection c = db(); ResultSet rs = c.createStatement().executeQuery(
                "select count(*) from pix_payment where consent_id = '" + consentId + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    private int attempts(String consentId) throws Exception {
        try (Connection c = db(); ResultSet rs = c.createStatement().executeQuery(
                "select attempts from automatic_payment where consent_id = '" + consentId + "'")) {
            return rs.next() ? rs.getInt(1) : -1;
        }
    }

    private Connection db() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/payment", "postgres", "postgres");
    }

    private KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
