package br.com.ponte.webhook.messaging;

import br.com.ponte.webhook.WebhookConfig;
import br.com.ponte.webhook.delivery.DeliveryWorker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds ingest back while more deliveries are due than the dispatcher is sending. Under an overload
 * the events then wait in Kafka (the connector pauses its partitions once its buffer is full),
 * not as rows in the dispatcher's database: the database keeps its capacity for sending, memory
 * stays flat, and nothing is lost, since offsets are committed only for what was stored.
 *
 * <p>Only due deliveries count: retries scheduled for later and deliveries in flight (whose next
 * attempt is their lease's end) do not, so a partner whose endpoint is down never holds back the
 * others' events. While this instance's worker has spare capacity nothing is checked at all. A
 * batch is never held longer than {@link #MAX_HOLD}: were sending nearly stopped (every endpoint
 * slow), ingest slows to a batch per channel per {@code MAX_HOLD} rather than stopping.
 */
@ApplicationScoped
public class IngestGate {

    private static final Logger LOG = Logger.getLogger(IngestGate.class);
    private static final Duration RECHECK = Duration.ofMillis(200);
    /**
     * A batch is held at most this long, then stored anyway: the Kafka connector reports a record left
     * unprocessed for 60 s (throttled.unprocessed-record-max-age.ms) as a failure of the channel.
     */
    static final Duration MAX_HOLD = Duration.ofSeconds(30);
    /** An overload holds and releases batches several times a second: said once a minute at most. */
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    /** Counts due deliveries through the due index, stopping at the bound. */
    private static final String DUE = """
            select count(*) from (select 1 from webhook_delivery
                                   where status in ('PENDING', 'SENDING') and next_attempt_at <= now()
                                   limit $1) due""";

    private final Pool pool;
    private final DeliveryWorker worker;
    private final int bound;
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicLong lastLogged = new AtomicLong();

    /** Raised to retry the check; never leaves this class. */
    private static final class OverBound extends RuntimeException {
        OverBound() {
            super(null, null, false, false);
        }
    }

    public IngestGate(Pool pool, DeliveryWorker worker, WebhookConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.worker = worker;
        this.bound = config.maxDueBacklog();
        Gauge.builder("ponte.webhook.ingest.held", held, AtomicInteger::get)
                .description("Batches of events held in Kafka because too many deliveries are due").register(registry);
    }

    /** Completes when a batch may be stored: at once, or once the due backlog fell below the bound. */
    Uni<Void> admit() {
        if (bound <= 0 || !worker.saturated()) {
            return Uni.createFrom().voidItem();
        }
        AtomicBoolean waiting = new AtomicBoolean();
        return Uni.createFrom().deferred(() -> pool.preparedQuery(DUE).execute(Tuple.of(bound)))
                .invoke(rows -> {
                    if (rows.iterator().next().getLong(0) >= bound) {
                        throw new OverBound();
                    }
                })
                .onFailure(OverBound.class).invoke(() -> {
                    if (waiting.compareAndSet(false, true) && held.getAndIncrement() == 0) {
                        long now = System.nanoTime();
                        long last = lastLogged.get();
                        if ((now - last > LOG_EVERY.toNanos() || last == 0) && lastLogged.compareAndSet(last, now)) {
                            LOG.infof("%d or more deliveries are due: ingest waits while they are sent, the events stay in Kafka "
                                    + "(ponte_webhook_ingest_held counts the batches waiting)", bound);
                        }
                    }
                })
                .onFailure(OverBound.class).retry().withBackOff(RECHECK, RECHECK).expireIn(MAX_HOLD.toMillis())
                .onFailure(OverBound.class).recoverWithItem(() -> null)
                .eventually(() -> {
                    if (waiting.get()) {
                        held.decrementAndGet();
                    }
                })
                .replaceWithVoid();
    }
}
