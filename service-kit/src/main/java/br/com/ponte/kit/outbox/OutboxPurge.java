package br.com.ponte.kit.outbox;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Keeps the outbox table small: rows older than {@code ponte.outbox.retention} are deleted, in
 * batches, every {@code ponte.outbox.purge-every}. Safe while the relay runs: it publishes from the
 * WAL (the insert carries the whole row), and it skips delete operations, so a purge publishes
 * nothing.
 */
@ApplicationScoped
public class OutboxPurge {

    private static final Logger LOG = Logger.getLogger(OutboxPurge.class);
    private static final int BATCH = 5_000;

    private static final String PURGE = """
            delete from outbox where ctid in (select ctid from outbox where occurred_at < :cutoff limit %d)""".formatted(BATCH);

    private final Mutiny.SessionFactory sessions;
    private final OutboxConfig config;

    public OutboxPurge(Mutiny.SessionFactory sessions, OutboxConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    @Scheduled(every = "${ponte.outbox.purge-every:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return purgeOlderThan(Instant.now().minus(config.retention()))
                .invoke(count -> {
                    if (count > 0) {
                        LOG.infof("Purged %d outbox rows older than %s", count, config.retention());
                    }
                })
                .onFailure().invoke(e -> LOG.warn("Purging the outbox failed; the next run retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Deletes the rows that occurred before {@code cutoff}; returns how many. */
    public Uni<Integer> purgeOlderThan(Instant cutoff) {
        return sessions.withTransaction(session -> session.createNativeQuery(PURGE)
                        .setParameter("cutoff", cutoff.atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .chain(count -> count < BATCH ? Uni.createFrom().item(count)
                        : purgeOlderThan(cutoff).map(more -> count + more));
    }
}
