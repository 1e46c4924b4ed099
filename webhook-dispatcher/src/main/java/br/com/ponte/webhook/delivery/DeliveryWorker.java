package br.com.ponte.webhook.delivery;

import br.com.ponte.kit.crypto.EnvelopeCipher;
import br.com.ponte.webhook.WebhookConfig;
import br.com.ponte.webhook.domain.WebhookSignature;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends due deliveries. Deliveries are claimed from the database with a lease ({@code FOR UPDATE
 * SKIP LOCKED}), so several dispatcher instances share the work and a delivery claimed by an
 * instance that died is taken over when its lease ends. Each delivery is an independent
 * non-blocking request: a slow or dead endpoint only holds its own deliveries.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final int EXCERPT = 1024;

    private static final String CLAIM = """
            with due as (
                select d.id from webhook_delivery d
                where (d.status = 'PENDING' and d.next_attempt_at <= now())
                   or (d.status = 'SENDING' and d.locked_until < now())
                order by d.next_attempt_at
                limit :limit
                for update skip locked)
            update webhook_delivery d
               set status = 'SENDING', locked_until = now() + make_interval(secs => :leaseSeconds), updated_at = now()
              from due, webhook_message m, webhook_endpoint e
             where d.id = due.id and m.id = d.message_id and e.id = d.endpoint_id
            returning d.id, d.attempts, m.id, m.payload, e.id, e.url, e.secret_cipher, e.secret_iv,
                      e.secret_key_wrapped, e.secret_key_iv, e.master_key_id""";

    private static final String RECORD_ATTEMPT = """
            insert into webhook_attempt (id, delivery_id, attempted_at, status_code, duration_ms, response_excerpt, error, trigger_kind)
            values (:id, :deliveryId, :attemptedAt, :statusCode, :durationMs, :excerpt, :error, :trigger)""";

    private static final String SUCCEEDED = """
            update webhook_delivery set status = 'SUCCEEDED', attempts = attempts + 1, locked_until = null,
                   next_attempt_at = null, last_status_code = :statusCode, updated_at = now()
             where id = :id""";

    private static final String RETRY_OR_FAIL = """
            update webhook_delivery set status = :status, attempts = attempts + 1, locked_until = null,
                   next_attempt_at = :nextAttemptAt, last_status_code = :statusCode, updated_at = now()
             where id = :id""";

    private final Mutiny.SessionFactory sessions;
    private final EnvelopeCipher cipher;
    private final WebhookConfig config;
    private final Vertx vertx;
    private final WebClient client;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();

    record Claimed(UUID deliveryId, int attempts, UUID messageId, String payload, UUID endpointId, String url,
                   EnvelopeCipher.Sealed sealedSecret) {
    }

    public DeliveryWorker(Mutiny.SessionFactory sessions, EnvelopeCipher cipher, WebhookConfig config, Vertx vertx) {
        this.sessions = sessions;
        this.cipher = cipher;
        this.config = config;
        this.vertx = vertx;
        int timeout = (int) config.requestTimeout().toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setConnectTimeout(timeout)
                .setKeepAlive(true)
                .setMaxPoolSize(50)
                .setUserAgent("Ponte-Webhooks/1.0"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Scheduled(every = "1s", delayed = "1s")
    void tick() {
        wakeUp();
    }

    /** Claims and sends what is due now; called on a schedule and as soon as new deliveries commit. */
    public void wakeUp() {
        isolatedContext().runOnContext(ignored -> drain().subscribe().with(
                done -> { },
                failure -> LOG.warn("Claiming due webhook deliveries failed; the next tick retries", failure)));
    }

    Uni<Void> drain() {
        int capacity = config.maxInFlight() - inFlight.get();
        if (capacity <= 0 || !draining.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return claim(capacity)
                .invoke(claimed -> claimed.forEach(this::sendInOwnContext))
                .eventually(() -> draining.set(false))
                .replaceWithVoid();
    }

    /**
     * A fresh duplicated context marked safe: each claim and each delivery gets its own Hibernate
     * Reactive session, never one shared by concurrent operations.
     */
    private Context isolatedContext() {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return context;
    }

    private Uni<List<Claimed>> claim(int limit) {
        return sessions.withTransaction(session -> session.createNativeQuery(CLAIM, Object[].class)
                .setParameter("limit", limit)
                .setParameter("leaseSeconds", (double) config.lease().toSeconds())
                .getResultList()
                .map(rows -> rows.stream().map(DeliveryWorker::claimed).toList()));
    }

    private static Claimed claimed(Object[] row) {
        return new Claimed((UUID) row[0], ((Number) row[1]).intValue(), (UUID) row[2], (String) row[3],
                (UUID) row[4], (String) row[5],
                new EnvelopeCipher.Sealed((byte[]) row[6], (byte[]) row[7], (byte[]) row[8], (byte[]) row[9], (String) row[10]));
    }

    private void sendInOwnContext(Claimed claimed) {
        inFlight.incrementAndGet();
        isolatedContext().runOnContext(ignored -> send(claimed)
                .eventually(inFlight::decrementAndGet)
                .subscribe().with(
                        done -> { },
                        failure -> LOG.errorf(failure, "Recording delivery %s failed; its lease will expire and it is retried",
                                claimed.deliveryId())));
    }

    private Uni<Void> send(Claimed claimed) {
        String secret = new String(cipher.open(claimed.sealedSecret(), claimed.endpointId().toString()), StandardCharsets.UTF_8);
        String messageId = claimed.messageId().toString();
        long timestamp = Instant.now().getEpochSecond();
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        return client.postAbs(claimed.url())
                .timeout(config.requestTimeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("webhook-id", messageId)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", WebhookSignature.sign(secret, messageId, timestamp, claimed.payload()))
                .sendBuffer(Buffer.buffer(claimed.payload()))
                .onItemOrFailure().transformToUni((response, failure) ->
                        record(claimed, started, (System.nanoTime() - startNanos) / 1_000_000, response, failure));
    }

    private Uni<Void> record(Claimed claimed, Instant started, long durationMs, HttpResponse<Buffer> response,
                             Throwable failure) {
        Integer statusCode = response == null ? null : response.statusCode();
        boolean success = statusCode != null && statusCode >= 200 && statusCode < 300;
        String excerpt = response == null ? null : excerpt(response.bodyAsString());
        String error = failure == null ? null : truncate(failure.getClass().getSimpleName() + ": " + failure.getMessage());
        int attempt = claimed.attempts() + 1;
        List<Duration> schedule = config.retrySchedule();
        boolean exhausted = attempt >= schedule.size();
        Instant next = success || exhausted ? null : Instant.now().plus(withJitter(schedule.get(attempt)));
        if (!success) {
            LOG.debugf("Delivery %s to %s failed (attempt %d, status %s, %s)%s", claimed.deliveryId(), claimed.url(),
                    attempt, statusCode, error, exhausted ? "; no attempts left" : "; next at " + next);
        }
        return sessions.withTransaction(session -> session.createNativeQuery(RECORD_ATTEMPT)
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("deliveryId", claimed.deliveryId())
                        .setParameter("attemptedAt", started.atOffset(ZoneOffset.UTC))
                        .setParameter("statusCode", statusCode)
                        .setParameter("durationMs", (int) durationMs)
                        .setParameter("excerpt", excerpt)
                        .setParameter("error", error)
                        .setParameter("trigger", "SCHEDULED")
                        .executeUpdate()
                        .chain(() -> success
                                ? session.createNativeQuery(SUCCEEDED)
                                .setParameter("statusCode", statusCode)
                                .setParameter("id", claimed.deliveryId())
                                .executeUpdate()
                                : session.createNativeQuery(RETRY_OR_FAIL)
                                .setParameter("status", exhausted ? "FAILED" : "PENDING")
                                .setParameter("nextAttemptAt", next == null ? null : next.atOffset(ZoneOffset.UTC))
                                .setParameter("statusCode", statusCode)
                                .setParameter("id", claimed.deliveryId())
                                .executeUpdate()))
                .replaceWithVoid();
    }

    private Duration withJitter(Duration delay) {
        long millis = delay.toMillis();
        long spread = (long) (millis * config.retryJitter());
        return spread <= 0 ? delay : Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(spread + 1));
    }

    private static String excerpt(String body) {
        return body == null ? null : truncate(body);
    }

    private static String truncate(String text) {
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT);
    }
}
