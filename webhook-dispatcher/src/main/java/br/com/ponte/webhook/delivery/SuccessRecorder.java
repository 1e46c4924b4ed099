package br.com.ponte.webhook.delivery;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records successful attempts by group commit: while one transaction writes, the successes that
 * arrive wait and go together in the next one. A success is the common case and needs nothing
 * but its attempt row and its delivery marked SUCCEEDED; failures, with their endpoint and
 * dead-letter bookkeeping, are recorded one by one by the {@link DeliveryWorker}.
 *
 * <p>A caller's {@link Uni} completes once its rows are committed; until then its delivery keeps
 * its lease, so a crash before the commit only means the delivery is sent again after the lease.
 * When the database cannot be written (an outage, a failover) the batch is tried again with
 * backoff for as long as its deliveries' leases hold: an outage shorter than the lease sends
 * nothing twice. Only a success that could not be recorded within its lease fails, and its
 * delivery is sent again, with the same {@code webhook-id}, once the lease has run out.
 */
final class SuccessRecorder {

    private static final Logger LOG = Logger.getLogger(SuccessRecorder.class);
    private static final int MAX_BATCH = 512;
    private static final long FIRST_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 1_000;

    private static final String INSERT_ATTEMPT = """
            insert into webhook_attempt (id, delivery_id, attempted_at, status_code, duration_ms, response_excerpt, trigger_kind)
            values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (id) do nothing""";

    // never overwrite a delivery that changed meanwhile (cancelled, endpoint deleted)
    private static final String MARK_SUCCEEDED = """
            update webhook_delivery set status = 'SUCCEEDED', attempts = attempts + 1, locked_until = null,
                   next_attempt_at = null, last_status_code = $2, last_error = null, trigger_kind = 'SCHEDULED',
                   updated_at = now()
             where id = $1 and status = 'SENDING'""";

    record Success(UUID deliveryId, Instant attemptedAt, int statusCode, int durationMs, String excerpt, String trigger) {
    }

    /** {@code attemptId} is fixed once, so a batch written again after a lost commit answer adds no second row. */
    private record Pending(Success success, UUID attemptId, Instant deadline, UniEmitter<? super Void> done) {
    }

    private final Pool pool;
    private final Vertx vertx;
    private final Duration lease;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private long backoffMs = FIRST_BACKOFF_MS;

    SuccessRecorder(Pool pool, Vertx vertx, Duration lease) {
        this.pool = pool;
        this.vertx = vertx;
        this.lease = lease;
    }

    Uni<Void> record(Success success) {
        return Uni.createFrom().emitter(done -> {
            queue.add(new Pending(success, UUID.randomUUID(), success.attemptedAt().plus(lease), done));
            writeIfIdle();
        });
    }

    private void writeIfIdle() {
        if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
            return;
        }
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            writing.set(false);
            return;
        }
        write(batch).subscribe().with(
                ignored -> finish(batch, null),
                failure -> finish(batch, failure));
    }

    private void finish(List<Pending> batch, Throwable failure) {
        if (failure == null) {
            backoffMs = FIRST_BACKOFF_MS;
            writing.set(false);
            batch.forEach(pending -> pending.done().complete(null));
            writeIfIdle();
            return;
        }
        // while the leases hold, the batch waits with what arrives meanwhile and is written again
        Instant retryAt = Instant.now().plusMillis(backoffMs);
        int expired = 0;
        for (Pending pending : batch) {
            if (pending.deadline().isAfter(retryAt)) {
                queue.add(pending);
            } else {
                expired++;
                pending.done().fail(failure);
            }
        }
        LOG.warnf("Recording %d successful attempts failed (%d past their lease, sent again after it), trying the rest again in %d ms: %s",
                batch.size(), expired, backoffMs, failure.getMessage());
        long delay = backoffMs;
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        vertx.setTimer(delay, ignored -> {
            writing.set(false);
            writeIfIdle();
        });
    }

    private Uni<Void> write(List<Pending> batch) {
        List<Tuple> attempts = new ArrayList<>(batch.size());
        List<Tuple> deliveries = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            Success s = pending.success();
            attempts.add(Tuple.wrap(new Object[]{pending.attemptId(), s.deliveryId(), s.attemptedAt().atOffset(ZoneOffset.UTC),
                    s.statusCode(), s.durationMs(), s.excerpt(), s.trigger()}));
            deliveries.add(Tuple.of(s.deliveryId(), s.statusCode()));
        }
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT_ATTEMPT).executeBatch(attempts)
                .chain(() -> connection.preparedQuery(MARK_SUCCEEDED).executeBatch(deliveries)))
                .replaceWithVoid();
    }
}
