package br.com.ponte.kit.outbox;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventData;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.EventTime;
import br.com.ponte.events.EventType;
import br.com.ponte.kit.tracing.Traceparent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.UUID;

/**
 * Writes events into the outbox table inside the caller's reactive transaction, so a state change
 * and its event commit (or roll back) together. The relay publishes committed rows to Kafka.
 *
 * <pre>{@code
 * Panache.withTransaction(() -> consent.persist()
 *         .chain(() -> outbox.append(new ConsentCreated(...), consent.id, consent.partnerId)))
 * }</pre>
 */
@ApplicationScoped
public class Outbox {

    private static final String NEXT_SEQUENCE = """
            insert into outbox_sequence (subject, last_sequence) values (:subject, 1)
            on conflict (subject) do update set last_sequence = outbox_sequence.last_sequence + 1
            returning last_sequence""";

    private static final String INSERT = """
            insert into outbox (id, aggregatetype, aggregateid, type, payload, partner_id, sequence, occurred_at, traceparent)
            values (:id, :aggregatetype, :aggregateid, :type, cast(cast(:payload as text) as jsonb), :partnerId, :sequence, :occurredAt,
                    :traceparent)""";

    private final String source;

    public Outbox(@ConfigProperty(name = "quarkus.application.name") String source) {
        this.source = source;
    }

    /** Appends an event that happened now. */
    public Uni<EventEnvelope> append(EventData data, String subject, String partnerId) {
        return append(data, subject, partnerId, EventTime.now());
    }

    /**
     * Appends an event with its event time. Must run inside a transaction
     * ({@code Panache.withTransaction}); the per-subject sequence number is taken in that same
     * transaction, so two events of one subject are numbered in commit order. The current span's
     * traceparent goes with the event, so its trace continues at every consumer.
     */
    public Uni<EventEnvelope> append(EventData data, String subject, String partnerId, Instant time) {
        EventType type = EventType.of(data);
        String traceparent = Traceparent.current();
        return Panache.getSession().chain(session -> {
            if (session.currentTransaction() == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "Outbox.append must run inside the transaction of the state change"));
            }
            return nextSequence(session, subject).chain(sequence -> {
                EventEnvelope event = EventEnvelope.create(UUID.randomUUID(), data, source, subject, partnerId,
                        time, sequence);
                return session.createNativeQuery(INSERT)
                        .setParameter("id", UUID.fromString(event.id()))
                        .setParameter("aggregatetype", type.topic().topicName())
                        .setParameter("aggregateid", subject)
                        .setParameter("type", type.wireName())
                        .setParameter("payload", EventCodec.encode(event))
                        .setParameter("partnerId", partnerId)
                        .setParameter("sequence", sequence)
                        .setParameter("occurredAt", event.time().atOffset(java.time.ZoneOffset.UTC))
                        .setParameter("traceparent", traceparent)
                        .executeUpdate()
                        .replaceWith(event);
            });
        });
    }

    private Uni<Long> nextSequence(Mutiny.Session session, String subject) {
        return session.createNativeQuery(NEXT_SEQUENCE, Long.class)
                .setParameter("subject", subject)
                .getSingleResult();
    }
}
