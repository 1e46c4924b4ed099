package br.com.ponte.webhook.messaging;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.Topic;
import br.com.ponte.events.MalformedEventException;
import br.com.ponte.kit.messaging.DeadLetters;
import br.com.ponte.kit.tracing.Traceparent;
import br.com.ponte.webhook.delivery.DeliveryWorker;
import br.com.ponte.webhook.domain.EventTypesConverter;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns the events on the platform's topics into deliveries for the partners' matching endpoints.
 *
 * <p>Records arrive in batches (one Kafka poll) and each batch is one transaction: the event ids go
 * into the processed-event log together with the messages and deliveries they create, so a
 * redelivered event creates nothing twice and a crash mid-batch leaves nothing half-written. The
 * offsets are committed only after that transaction. A record that is not an event goes to its
 * topic's {@code .dlq}, and the valid records of its batch are ingested normally. A database or
 * broker outage is waited out: the batch is retried, never skipped. While more deliveries are due
 * than the dispatcher sends, a batch waits at the {@link IngestGate} and the rest stay in Kafka.
 */
@ApplicationScoped
public class EventIngestor {

    static final String CONSUMER = "webhook-dispatcher";
    private static final Logger LOG = Logger.getLogger(EventIngestor.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private static final String MARK_PROCESSED = """
            insert into processed_event (consumer, event_id) select $1, unnest($2::uuid[])
            on conflict do nothing returning event_id""";

    private static final String ENDPOINTS = """
            select id, partner_id, event_types from webhook_endpoint
             where partner_id = any($1) and status <> 'DELETED'""";

    private static final String INSERT_MESSAGE = """
            insert into webhook_message (id, partner_id, event_type, subject, sequence, event_time, payload, received_at, traceparent)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";

    private static final String INSERT_DELIVERY = """
            insert into webhook_delivery (id, message_id, endpoint_id, subject, sequence, status, attempts,
                                          next_attempt_at, trigger_kind, created_at, updated_at)
            values ($1, $2, $3, $4, $5, 'PENDING', 0, $6, 'SCHEDULED', $6, $6)""";

    private final Pool pool;
    private final DeliveryWorker worker;
    private final IngestGate gate;
    private final MutinyEmitter<String> deadLetters;

    /** An event and the trace it was published in (its record's traceparent header), if any. */
    private record Event(EventEnvelope envelope, String payload, String traceparent) {
    }

    private record Endpoint(UUID id, List<String> eventTypes) {

        boolean accepts(EventEnvelope event) {
            // An operational event about an endpoint (its subject) is not sent to that endpoint:
            // it failed or is disabled, and a notice of its failure must not loop back to it.
            boolean aboutThisEndpoint = event.type().startsWith("webhook:") && !event.type().equals("webhook:test")
                    && id.toString().equals(event.subject());
            // the audit log (audit.events, not consumed here) is the operators': never a partner's webhook
            boolean audit = event.eventType().map(type -> type.topic() == Topic.AUDIT).orElse(false);
            return !aboutThisEndpoint && !audit && (eventTypes.isEmpty() || eventTypes.contains(event.type()));
        }
    }

    public EventIngestor(Pool pool, DeliveryWorker worker, IngestGate gate,
                         @Channel("malformed-events") MutinyEmitter<String> deadLetters) {
        this.pool = pool;
        this.worker = worker;
        this.gate = gate;
        this.deadLetters = deadLetters;
    }

    @Incoming("consent-events")
    Uni<Void> consentEvents(ConsumerRecords<String, String> records) {
        return ingest(records);
    }

    @Incoming("payment-events")
    Uni<Void> paymentEvents(ConsumerRecords<String, String> records) {
        return ingest(records);
    }

    @Incoming("sharing-events")
    Uni<Void> sharingEvents(ConsumerRecords<String, String> records) {
        return ingest(records);
    }

    @Incoming("collection-events")
    Uni<Void> collectionEvents(ConsumerRecords<String, String> records) {
        return ingest(records);
    }

    @Incoming("certificate-events")
    Uni<Void> certificateEvents(ConsumerRecords<String, String> records) {
        return ingest(records);
    }

    @Incoming("webhook-events")
    Uni<Void> webhookEvents(ConsumerRecords<String, String> records) {
        return ingest(records);
    }

    @Incoming("webhook-dead-letters")
    Uni<Void> webhookDeadLetters(ConsumerRecords<String, String> records) {
        return ingest(records);
    }

    Uni<Void> ingest(ConsumerRecords<String, String> records) {
        // one entry per event id: a batch can hold the same event twice (a producer retry)
        Map<UUID, Event> events = new LinkedHashMap<>();
        List<ConsumerRecord<String, String>> malformed = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                EventEnvelope envelope = EventCodec.decode(record.value());
                events.putIfAbsent(UUID.fromString(envelope.id()), new Event(envelope, record.value(),
                        Traceparent.fromHeaders(record.headers())));
            } catch (MalformedEventException e) {
                LOG.warnf("Malformed record %s-%d@%d sent to dead letters: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                malformed.add(record);
            }
        }
        // each dead letter is sent until the broker has it (DeadLetters)
        Uni<Void> deadLettered = malformed.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(malformed.stream().map(record -> DeadLetters.send(deadLetters, record, "not a Ponte event envelope"))
                        .toList()).andFailFast().replaceWithVoid();
        return deadLettered
                .chain(() -> events.isEmpty() ? Uni.createFrom().item(0) : gate.admit().chain(() -> store(events))
                        .onFailure().invoke(e -> LOG.warnf("Ingesting %d events failed, retrying: %s", events.size(), e.getMessage()))
                        .onFailure().retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely())
                .invoke(deliveries -> {
                    if (deliveries > 0) {
                        worker.wakeUp();
                    }
                })
                .replaceWithVoid();
    }

    /** Records the batch's new events and their deliveries in one transaction; returns how many deliveries. */
    private Uni<Integer> store(Map<UUID, Event> events) {
        return pool.withTransaction(connection -> connection.preparedQuery(MARK_PROCESSED)
                .execute(Tuple.of(CONSUMER, events.keySet().toArray(UUID[]::new)))
                .chain(rows -> {
                    List<Event> fresh = new ArrayList<>();
                    for (Row row : rows) {
                        Event event = events.get(row.getUUID(0));
                        if (event.envelope().partnerId() != null) {
                            fresh.add(event);
                        }
                    }
                    return fresh.isEmpty() ? Uni.createFrom().item(0) : fanOut(connection, fresh);
                }));
    }

    private Uni<Integer> fanOut(SqlConnection connection, List<Event> events) {
        Set<String> partners = new HashSet<>();
        events.forEach(event -> partners.add(event.envelope().partnerId()));
        return connection.preparedQuery(ENDPOINTS).execute(Tuple.of(partners.toArray(String[]::new))).chain(rows -> {
            Map<String, List<Endpoint>> endpointsByPartner = new HashMap<>();
            EventTypesConverter types = new EventTypesConverter();
            for (Row row : rows) {
                endpointsByPartner.computeIfAbsent(row.getString(1), p -> new ArrayList<>())
                        .add(new Endpoint(row.getUUID(0), types.convertToEntityAttribute(row.getString(2))));
            }
            OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
            List<Tuple> messages = new ArrayList<>();
            List<Tuple> deliveries = new ArrayList<>();
            for (Event event : events) {
                EventEnvelope envelope = event.envelope();
                List<Endpoint> matching = endpointsByPartner.getOrDefault(envelope.partnerId(), List.of()).stream()
                        .filter(endpoint -> endpoint.accepts(envelope)).toList();
                if (matching.isEmpty()) {
                    continue;
                }
                UUID messageId = UUID.fromString(envelope.id());
                messages.add(Tuple.wrap(new Object[]{messageId, envelope.partnerId(), envelope.type(), envelope.subject(),
                        envelope.sequence(), envelope.time().atOffset(ZoneOffset.UTC), event.payload(), now, event.traceparent()}));
                for (Endpoint endpoint : matching) {
                    deliveries.add(Tuple.of(UUID.randomUUID(), messageId, endpoint.id(), envelope.subject(),
                            envelope.sequence(), now));
                }
            }
            if (messages.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return connection.preparedQuery(INSERT_MESSAGE).executeBatch(messages)
                    .chain(() -> connection.preparedQuery(INSERT_DELIVERY).executeBatch(deliveries))
                    .replaceWith(deliveries.size());
        });
    }
}
