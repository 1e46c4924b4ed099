package br.com.ponte.collection;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventData;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.data.SharingConsentAuthorised;
import br.com.ponte.events.data.SharingConsentExpired;
import br.com.ponte.events.data.SharingConsentRevoked;
import br.com.ponte.events.data.SharingResourceShared;
import br.com.ponte.events.data.SharingResourceStatusChanged;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** consent-service's side of {@code sharing.events} in the tests: envelopes as its outbox writes them. */
final class SharingEvents implements AutoCloseable {

    static final String BANK = "c9427b03-c565-47ce-90f1-09841f099026";

    private final KafkaProducer<String, String> producer;
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();

    SharingEvents(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p);
    }

    /** Sends an event of the consent; returns the envelope (to send it again, say). */
    EventEnvelope send(String consentId, String partnerId, EventData data) {
        EventEnvelope event = EventEnvelope.create(UUID.randomUUID(), data, "consent-service", consentId, partnerId,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), sequences.computeIfAbsent(consentId, c -> new AtomicLong()).incrementAndGet());
        resend(event);
        return event;
    }

    void resend(EventEnvelope event) {
        raw(event.subject(), EventCodec.encode(event));
    }

    void raw(String key, String value) {
        try {
            producer.send(new ProducerRecord<>("sharing.events", key, value)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    EventEnvelope authorised(String consentId, String partnerId, List<String> permissions) {
        return send(consentId, partnerId, new SharingConsentAuthorised(UUID.randomUUID().toString(), consentId, BANK,
                "urn:bank:" + consentId, permissions, Instant.now(), Instant.now().plus(365, ChronoUnit.DAYS)));
    }

    EventEnvelope shared(String consentId, String partnerId, String resourceId, String type, List<String> permissions) {
        return send(consentId, partnerId, new SharingResourceShared(UUID.randomUUID().toString(), consentId, BANK,
                "urn:bank:" + consentId, resourceId, type, permissions, null));
    }

    EventEnvelope multipleApproval(String consentId, String partnerId, String resourceId, String type) {
        return send(consentId, partnerId, new br.com.ponte.events.data.SharingResourceMultipleApproval(UUID.randomUUID().toString(),
                consentId, BANK, "urn:bank:" + consentId, resourceId, type, List.of(), Instant.now().minusSeconds(3600), null));
    }

    EventEnvelope statusChanged(String consentId, String partnerId, String resourceId, String type, String from, String to) {
        return send(consentId, partnerId, new SharingResourceStatusChanged(UUID.randomUUID().toString(), consentId, BANK,
                "urn:bank:" + consentId, resourceId, type, from, to));
    }

    EventEnvelope revoked(String consentId, String partnerId) {
        return send(consentId, partnerId, new SharingConsentRevoked(UUID.randomUUID().toString(), consentId, BANK,
                "urn:bank:" + consentId, "USER", "PONTE", "CUSTOMER_MANUALLY_REVOKED", null, Instant.now()));
    }

    EventEnvelope expired(String consentId, String partnerId) {
        return send(consentId, partnerId, new SharingConsentExpired(UUID.randomUUID().toString(), consentId, BANK,
                "urn:bank:" + consentId, "AUTHORISED", "CONSENT_MAX_DATE_REACHED", Instant.now()));
    }

    @Override
    public void close() {
        producer.close();
    }
}
