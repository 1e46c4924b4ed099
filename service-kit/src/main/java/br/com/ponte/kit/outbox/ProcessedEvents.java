package br.com.ponte.kit.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * The consumer side of exactly-once effects: a consumer records the event id in the same
 * transaction as the effect; a redelivered event finds its id and changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final String MARK = """
            insert into processed_event (consumer, event_id) values (:consumer, :eventId)
            on conflict do nothing""";

    /**
     * Records that {@code consumer} processed {@code eventId}. Returns {@code true} the first time,
     * {@code false} for a redelivery. Must run inside the transaction of the effect.
     */
    public Uni<Boolean> markProcessed(String consumer, String eventId) {
        return Panache.getSession().chain(session -> {
            if (session.currentTransaction() == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "ProcessedEvents.markProcessed must run inside the transaction of the effect"));
            }
            return session.createNativeQuery(MARK)
                    .setParameter("consumer", consumer)
                    .setParameter("eventId", UUID.fromString(eventId))
                    .executeUpdate()
                    .map(rows -> rows == 1);
        });
    }
}
