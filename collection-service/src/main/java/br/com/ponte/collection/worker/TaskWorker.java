package br.com.ponte.collection.worker;

import br.com.ponte.kit.messaging.Effects;
import br.com.ponte.collection.bank.Collector;
import br.com.ponte.collection.config.CollectionConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Runs the due collection tasks. A claim takes up to {@code claim-batch} due tasks (SCHEDULED and due,
 * or RUNNING with an expired lease: an instance that crashed) with {@code FOR UPDATE SKIP LOCKED} and
 * marks them RUNNING under a lease, so several instances share the work without taking one task twice,
 * and a crash only delays a task until its lease expires. The claimed tasks run side by side, each on
 * its own Vert.x context; the banks' throttle keeps each bank within its rate.
 */
@ApplicationScoped
public class TaskWorker {

    private static final Logger LOG = Logger.getLogger(TaskWorker.class);

    private static final String CLAIM = """
            update collection_task set status = 'RUNNING', lease_until = :lease, updated_at = :now
             where id in (select id from collection_task
                           where (status = 'SCHEDULED' and next_run_at <= :now)
                              or (status = 'RUNNING' and lease_until < :now)
                           order by next_run_at
                           limit :limit
                           for update skip locked)
            returning id""";

    private final Collector collector;
    private final CollectionConfig config;
    private final Vertx vertx;

    public TaskWorker(Collector collector, CollectionConfig config, Vertx vertx) {
        this.collector = collector;
        this.config = config;
        this.vertx = vertx;
    }

    @Scheduled(every = "${ponte.collection.poll-every:1s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Disabled.class)
    Uni<Void> tick() {
        return runDue()
                .onFailure().invoke(e -> LOG.warn("Running collection tasks failed; the next tick retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Claims and runs the due tasks until none is due; returns how many ran. Callable from any thread. */
    public Uni<Integer> runDue() {
        return runDue(100);
    }

    private Uni<Integer> runDue(int rounds) {
        return runOnce().chain(ran -> ran == 0 || rounds <= 1 ? Uni.createFrom().item(ran)
                : runDue(rounds - 1).map(more -> ran + more));
    }

    /** One claim and its tasks; how many ran. */
    public Uni<Integer> runOnce() {
        return Effects.onNewContext(vertx, this::claim)
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUni(id -> Effects.onNewContext(vertx, () -> collector.run(id).replaceWith(Boolean.TRUE)))
                        .merge(Math.max(1, config.claimBatch()))
                        .collect().asList()
                        .map(List::size));
    }

    private Uni<List<UUID>> claim() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(CLAIM, UUID.class)
                .setParameter("lease", now.plus(config.lease()).atOffset(ZoneOffset.UTC))
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .setParameter("limit", config.claimBatch())
                .getResultList()));
    }

    /** Skips the scheduled ticks when {@code ponte.collection.worker-enabled} is false. */
    @ApplicationScoped
    public static class Disabled implements Scheduled.SkipPredicate {

        private final CollectionConfig config;

        public Disabled(CollectionConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.workerEnabled();
        }
    }
}
