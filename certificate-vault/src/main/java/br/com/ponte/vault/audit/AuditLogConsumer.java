package br.com.ponte.vault.audit;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.EventType;
import br.com.ponte.events.MalformedEventException;
import br.com.ponte.events.data.AuditRecorded;
import br.com.ponte.kit.audit.Actor;
import br.com.ponte.kit.messaging.DeadLetters;
import br.com.ponte.kit.messaging.Effects;
import br.com.ponte.kit.outbox.ProcessedEvents;
import br.com.ponte.kit.tracing.Traceparent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Stores the platform's audit log: every {@code audit:recorded} on {@code audit.events} (group
 * {@code certificate-vault}, written by every service's outbox, the vault's own included) becomes one
 * {@code audit_log} row, once: the event id goes into {@code processed_event} in the row's
 * transaction, so a redelivery stores nothing. A record that is not an audit event (not an envelope,
 * data of the wrong shape, values the log cannot hold) goes to {@code audit.events.dlq} unchanged,
 * counted in {@code ponte_events_dead_lettered_total}; a transient failure (database) is retried
 * with backoff, never skipped.
 */
@ApplicationScoped
public class AuditLogConsumer {

    static final String CONSUMER = "certificate-vault/audit-events";
    private static final Logger LOG = Logger.getLogger(AuditLogConsumer.class);
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*");

    private final ProcessedEvents processed;
    private final MutinyEmitter<String> deadLetters;
    private final Counter deadLettered;
    private final Vertx vertx;

    public AuditLogConsumer(ProcessedEvents processed, @Channel("audit-dead-letters") MutinyEmitter<String> deadLetters,
                            MeterRegistry registry, Vertx vertx) {
        this.processed = processed;
        this.deadLetters = deadLetters;
        this.vertx = vertx;
        this.deadLettered = Counter.builder("ponte.events.dead.lettered").tag("topic", "audit.events")
                .description("Records of audit.events that were not audit events, sent to audit.events.dlq").register(registry);
    }

    @Incoming("audit-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Supplier<AuditEntry> entry;
        String eventId;
        try {
            EventEnvelope event = EventCodec.decode(record.value());
            if (event.eventType().orElse(null) != EventType.AUDIT_RECORDED) {
                throw new MalformedEventException("Not an audit event on audit.events: " + event.type());
            }
            AuditRecorded data = event.dataAs(AuditRecorded.class);
            String traceparent = Traceparent.fromHeaders(record.headers());
            entry(event, data, traceparent); // refuses what the log cannot hold, before any attempt
            entry = () -> entry(event, data, traceparent);
            eventId = event.id();
        } catch (MalformedEventException e) {
            LOG.warnf("Malformed record %s-%d@%d sent to dead letters: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return DeadLetters.send(deadLetters, record, e.getMessage()).invoke(() -> deadLettered.increment());
        }
        return Effects.untilApplied(vertx, "audit event " + eventId, () -> store(entry.get()));
    }

    private Uni<Void> store(AuditEntry entry) {
        return Panache.withTransaction(() -> processed.markProcessed(CONSUMER, entry.id.toString())
                .chain(first -> first ? entry.persist().replaceWithVoid() : Uni.createFrom().voidItem()));
    }

    /** The row for an audit event; MalformedEventException for what the log cannot hold as it is. */
    static AuditEntry entry(EventEnvelope event, AuditRecorded data, String headerTraceparent) {
        try {
            Actor.Type.valueOf(String.valueOf(data.actorType()));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("Unknown actorType " + data.actorType());
        }
        require(data.action() != null && data.action().length() <= 64 && ACTION.matcher(data.action()).matches(),
                "action must be <resource>.<past tense>, at most 64 characters");
        require(data.resourceType() != null && data.resourceType().length() <= 64
                && RESOURCE_TYPE.matcher(data.resourceType()).matches(), "resourceType must be lower-case-with-dashes");
        require(data.resourceId() != null && !data.resourceId().isBlank() && data.resourceId().length() <= 255,
                "resourceId must be 1 to 255 characters");
        require(data.actorId() == null || data.actorId().length() <= 255, "actorId has more than 255 characters");
        require(event.partnerId() == null || event.partnerId().length() <= 64, "partnerId has more than 64 characters");
        require(event.source().length() <= 64, "source has more than 64 characters");
        String traceparent = data.traceparent() != null ? data.traceparent() : headerTraceparent;
        require(traceparent == null || traceparent.length() <= 55, "traceparent is not a W3C traceparent");
        Map<String, String> details = data.details() == null ? Map.of() : data.details();

        AuditEntry entry = new AuditEntry();
        entry.id = UUID.fromString(event.id());
        entry.occurredAt = event.time();
        entry.recordedAt = Instant.now();
        entry.source = event.source();
        entry.actorType = data.actorType();
        entry.actorId = data.actorId();
        entry.action = data.action();
        entry.resourceType = data.resourceType();
        entry.resourceId = data.resourceId();
        entry.partnerId = event.partnerId();
        entry.details = EventCodec.toTree(details).toString();
        entry.traceparent = traceparent;
        return entry;
    }

    private static void require(boolean valid, String problem) {
        if (!valid) {
            throw new MalformedEventException(problem);
        }
    }
}
