package br.com.ponte.webhook.delivery;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventType;
import br.com.ponte.events.data.WebhookEndpointDisabled;
import br.com.ponte.events.data.WebhookMessageFailed;
import br.com.ponte.kit.crypto.EnvelopeCipher;
import br.com.ponte.kit.audit.Actor;
import br.com.ponte.kit.audit.Audit;
import br.com.ponte.kit.outbox.Outbox;
import br.com.ponte.webhook.WebhookConfig;
import br.com.ponte.webhook.domain.SigningAlgorithm;
import br.com.ponte.webhook.domain.WebhookDelivery;
import br.com.ponte.webhook.domain.WebhookEndpoint;
import br.com.ponte.webhook.domain.WebhookSignature;
import br.com.ponte.kit.tracing.Traceparent;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.core.impl.VertxInternal;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends due deliveries. Deliveries are claimed from the database with a lease ({@code FOR UPDATE
 * SKIP LOCKED}), so several dispatcher instances share the work and a delivery claimed by an
 * instance that died is taken over when its lease ends. Each delivery is an independent
 * non-blocking request: a slow or dead endpoint only holds its own deliveries. In ordered mode a
 * delivery waits while an earlier one of the same subject to the same endpoint is still open.
 * Deliveries are spread over all event loops; successes are recorded by group commit.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final int EXCERPT = 1024;
    private static final Duration URL_CHECK_TTL = Duration.ofSeconds(60);

    private static final String CLAIM = """
            with due as (
                select d.id from webhook_delivery d
                  join webhook_endpoint e on e.id = d.endpoint_id
                 where e.status = 'ACTIVE'
                   and ((d.status = 'PENDING' and d.next_attempt_at <= now())
                        or (d.status = 'SENDING' and d.locked_until < now()))
                   and (not e.ordered or not exists (
                        select 1 from webhook_delivery p
                         where p.endpoint_id = d.endpoint_id and p.subject = d.subject
                           and p.sequence < d.sequence and p.status in ('PENDING', 'SENDING')))
                 order by d.next_attempt_at
                 limit $1
                 for update of d skip locked)
            update webhook_delivery d
               set status = 'SENDING', locked_until = now() + make_interval(secs => $2),
                   -- were this attempt lost, the next is when its lease ends; and the rows in flight
                   -- leave the front of the due index, where every claim would scan past them
                   next_attempt_at = now() + make_interval(secs => $2), updated_at = now()
              from due, webhook_message m, webhook_endpoint e
             where d.id = due.id and m.id = d.message_id and e.id = d.endpoint_id
            returning d.id, d.attempts, d.trigger_kind, m.id, m.payload, m.event_type, m.subject, m.partner_id,
                      e.id, e.url, e.rate_limit, e.signing_algorithm,
                      e.secret_cipher, e.secret_iv, e.secret_key_wrapped, e.secret_key_iv, e.master_key_id,
                      e.prev_secret_cipher, e.prev_secret_iv, e.prev_secret_key_wrapped, e.prev_secret_key_iv,
                      e.prev_master_key_id, e.prev_secret_expires_at, e.failing_since is not null, m.traceparent""";

    private static final String RECORD_ATTEMPT = """
            insert into webhook_attempt (id, delivery_id, attempted_at, status_code, duration_ms, response_excerpt, error, trigger_kind)
            values (:id, :deliveryId, :attemptedAt, :statusCode, :durationMs, :excerpt, :error, :trigger)""";

    private static final String UPDATE_DELIVERY = """
            update webhook_delivery set status = :status, attempts = attempts + 1, locked_until = null,
                   next_attempt_at = :nextAttemptAt, last_status_code = :statusCode, last_error = :error,
                   trigger_kind = 'SCHEDULED', updated_at = now()
             where id = :id and status = 'SENDING'""";

    private static final String RELEASE = """
            update webhook_delivery set status = 'PENDING', locked_until = null, next_attempt_at = :nextAttemptAt,
                   updated_at = now()
             where id = :id and status = 'SENDING'""";

    private static final String ENDPOINT_SUCCEEDED = """
            update webhook_endpoint set failing_since = null where id = :id""";

    private static final String ENDPOINT_FAILED = """
            update webhook_endpoint set failing_since = coalesce(failing_since, :now) where id = :id""";

    private static final String DISABLE_ENDPOINT = """
            update webhook_endpoint set status = 'DISABLED', disabled_reason = :reason, updated_at = now()
             where id = :id and status = 'ACTIVE' and (:reason = 'GONE' or failing_since < :threshold)
            returning url, partner_id, failing_since""";

    private final Mutiny.SessionFactory sessions;
    private final Pool pool;
    private final WebhookConfig config;
    private final EndpointUrlPolicy urlPolicy;
    private final Outbox outbox;
    private final Audit audit;
    private final Vertx vertx;
    private final WebClient client;
    private final RateLimiter rateLimiter;
    private final Tracer tracer;
    private final Counter delivered;
    private final Counter failed;
    private final RetryPolicy retryPolicy;
    private final Map<String, UrlCheck> urlChecks = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final SuccessRecorder successes;
    private final SigningSecrets signingSecrets;
    private final Context[] eventLoops;
    private final AtomicInteger nextEventLoop = new AtomicInteger();
    /** The last claim took all it could: more is probably due, so claim again as capacity frees up. */
    private volatile boolean backlog;
    /** A wake-up came while a claim was running: claim again when it ends. */
    private volatile boolean wokenWhileDraining;
    private volatile boolean stopping;

    record Claimed(UUID deliveryId, int attempts, String trigger, UUID messageId, String payload, String eventType,
                   String subject, String partnerId, UUID endpointId, String url, Integer rateLimit,
                   SigningAlgorithm algorithm, EnvelopeCipher.Sealed secret, EnvelopeCipher.Sealed previousSecret,
                   Instant previousSecretExpiresAt, boolean endpointFailing, String traceparent) {
    }

    private record UrlCheck(EndpointUrlPolicy.Verdict verdict, Instant checkedAt) {
    }

    public DeliveryWorker(Mutiny.SessionFactory sessions, EnvelopeCipher cipher, WebhookConfig config,
                          EndpointUrlPolicy urlPolicy, Outbox outbox, Audit audit, Vertx vertx, Pool pool,
                          MeterRegistry registry, Tracer tracer) {
        this.sessions = sessions;
        this.pool = pool;
        this.config = config;
        this.urlPolicy = urlPolicy;
        this.outbox = outbox;
        this.audit = audit;
        this.vertx = vertx;
        this.retryPolicy = new RetryPolicy(config);
        this.successes = new SuccessRecorder(pool, vertx, config.lease());
        this.signingSecrets = new SigningSecrets(cipher);
        this.rateLimiter = new RateLimiter(pool);
        this.tracer = tracer;
        // attempts made by this instance: ponte_webhook_attempts_total{outcome="delivered"|"failed"}
        this.delivered = Counter.builder("ponte.webhook.attempts").tag("outcome", "delivered")
                .description("Webhook delivery attempts made by this instance").register(registry);
        this.failed = Counter.builder("ponte.webhook.attempts").tag("outcome", "failed")
                .description("Webhook delivery attempts made by this instance").register(registry);
        VertxInternal internal = (VertxInternal) vertx.getDelegate();
        int loops = 0;
        for (var ignored : internal.getEventLoopGroup()) {
            loops++;
        }
        this.eventLoops = new Context[Math.max(1, loops)];
        for (int i = 0; i < eventLoops.length; i++) {
            eventLoops[i] = internal.createEventLoopContext();
        }
        int timeout = (int) config.requestTimeout().toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setConnectTimeout(timeout)
                .setKeepAlive(true)
                .setMaxPoolSize(50)
                // each delivery is a span of its event's trace (send), not of whatever context it runs on
                .setTracingPolicy(TracingPolicy.IGNORE)
                .setUserAgent("Ponte-Webhooks/1.0"));
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @PreDestroy
    void close() {
        stopping = true;
        client.close();
    }

    @Scheduled(every = "1s", delayed = "1s")
    void tick() {
        wakeUp();
    }

    /** All of this instance's capacity is taken and its last claim found more due than it could take. */
    public boolean saturated() {
        return backlog;
    }

    /**
     * Claims and sends what is due now; called on a schedule and as soon as new deliveries commit.
     * Claims nothing once shutdown began: what is due stays in the database for the next start.
     */
    public void wakeUp() {
        if (stopping) {
            return;
        }
        isolatedContext().runOnContext(ignored -> drain().subscribe().with(
                done -> { },
                failure -> LOG.warn("Claiming due webhook deliveries failed; the next tick retries", failure)));
    }

    /**
     * One claim at a time. A wake-up that comes while a claim runs (new deliveries committed just
     * after its query) is not dropped: the claim runs again when the current one ends, so nothing
     * committed waits for the next tick. With no capacity left, the work waits for the first
     * deliveries in flight to finish.
     */
    Uni<Void> drain() {
        int capacity = config.maxInFlight() - inFlight.get();
        if (capacity <= 0) {
            backlog = true;
            return Uni.createFrom().voidItem();
        }
        if (!draining.compareAndSet(false, true)) {
            wokenWhileDraining = true;
            return Uni.createFrom().voidItem();
        }
        wokenWhileDraining = false;
        return claim(capacity)
                .invoke(claimed -> {
                    backlog = claimed.size() == capacity;
                    claimed.forEach(this::processInOwnContext);
                })
                .eventually(() -> {
                    draining.set(false);
                    if (wokenWhileDraining) {
                        wakeUp();
                    }
                })
                .replaceWithVoid();
    }

    /**
     * A fresh duplicated context marked safe, on the next event loop in turn: each delivery gets its
     * own Hibernate Reactive session (for its failure bookkeeping), never one shared by concurrent
     * operations, and the work uses every event loop rather than the one that happened to ask.
     */
    private Context isolatedContext() {
        Context eventLoop = eventLoops[Math.floorMod(nextEventLoop.getAndIncrement(), eventLoops.length)];
        Context context = VertxContext.createNewDuplicatedContext(eventLoop);
        VertxContextSafetyToggle.setContextSafe(context, true);
        return context;
    }

    /**
     * One statement on the reactive client, not through Hibernate: at full load the claim's rows
     * (25 columns each) cost more to read through Hibernate's row reader than the query itself.
     */
    private Uni<List<Claimed>> claim(int limit) {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM)
                .execute(Tuple.of(limit, (double) config.lease().toSeconds()))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>(rows.size());
                    rows.forEach(row -> claimed.add(claimed(row)));
                    return claimed;
                }));
    }

    private static Claimed claimed(Row r) {
        EnvelopeCipher.Sealed previous = r.getValue(17) == null ? null
                : new EnvelopeCipher.Sealed(bytes(r, 17), bytes(r, 18), bytes(r, 19), bytes(r, 20), r.getString(21));
        return new Claimed(r.getUUID(0), r.getInteger(1), r.getString(2), r.getUUID(3), r.getString(4),
                r.getString(5), r.getString(6), r.getString(7), r.getUUID(8), r.getString(9), r.getInteger(10),
                SigningAlgorithm.valueOf(r.getString(11)),
                new EnvelopeCipher.Sealed(bytes(r, 12), bytes(r, 13), bytes(r, 14), bytes(r, 15), r.getString(16)),
                previous, instant(r.getOffsetDateTime(22)), r.getBoolean(23), r.getString(24));
    }

    private static byte[] bytes(Row row, int column) {
        return row.getBuffer(column).getBytes();
    }

    private void processInOwnContext(Claimed claimed) {
        inFlight.incrementAndGet();
        isolatedContext().runOnContext(ignored -> process(claimed)
                .eventually(() -> {
                    if (inFlight.decrementAndGet() < config.maxInFlight() / 2 && backlog) {
                        wakeUp();
                    }
                })
                .subscribe().with(
                        done -> { },
                        failure -> LOG.errorf(failure, "Recording delivery %s failed; its lease will expire and it is retried",
                                claimed.deliveryId())));
    }

    private Uni<Void> process(Claimed claimed) {
        return rateLimiter.acquire(claimed.endpointId(), claimed.rateLimit()).chain(wait -> wait > 0
                // Over the endpoint's rate limit: back to the queue without counting an attempt.
                ? sessions.withTransaction(session -> session.createNativeQuery(RELEASE)
                        .setParameter("nextAttemptAt", Instant.now().plusMillis(wait).atOffset(ZoneOffset.UTC))
                        .setParameter("id", claimed.deliveryId())
                        .executeUpdate()).replaceWithVoid()
                : checkUrl(claimed.url()).chain(verdict -> verdict.refusal().isPresent()
                        ? record(claimed, Instant.now(), 0, null, new IllegalStateException("refused: " + verdict.refusal().get()))
                        : verdict.addresses().isEmpty()
                        ? record(claimed, Instant.now(), 0, null,
                                new UnknownHostException(URI.create(claimed.url()).getHost() + ": does not resolve"))
                        : send(claimed, verdict.addresses().get(0))));
    }

    /**
     * The URL policy needs DNS, which blocks: run it off the event loop, and remember the answer a
     * minute, with the addresses it approved. A name that does not resolve is asked again next time.
     */
    private Uni<EndpointUrlPolicy.Verdict> checkUrl(String url) {
        UrlCheck cached = urlChecks.get(url);
        if (cached != null && cached.checkedAt().plus(URL_CHECK_TTL).isAfter(Instant.now())) {
            return Uni.createFrom().item(cached.verdict());
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> urlPolicy.check(url)))
                .invoke(verdict -> {
                    if (verdict.refusal().isPresent() || !verdict.addresses().isEmpty()) {
                        urlChecks.put(url, new UrlCheck(verdict, Instant.now()));
                    }
                });
    }

    /**
     * Where a delivery connects: an address the policy approved, never a new resolution of the name,
     * which a hostile DNS server could answer differently (rebinding). The URL still names the host,
     * for the Host header, SNI and certificate verification.
     */
    static SocketAddress server(String url, InetAddress approved) {
        URI uri = URI.create(url);
        int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return SocketAddress.inetSocketAddress(port, approved.getHostAddress());
    }

    /**
     * One signed POST. It is a client span in the trace the event was published in, and carries that
     * trace to the partner ({@code traceparent}), so a partner's call, the event and its webhook are one trace.
     */
    private Uni<Void> send(Claimed claimed, InetAddress address) {
        Instant now = Instant.now();
        List<String> secrets = signingSecrets.signing(claimed.endpointId(), claimed.secret(), claimed.previousSecret(),
                claimed.previousSecretExpiresAt(), now);
        String messageId = claimed.messageId().toString();
        long timestamp = now.getEpochSecond();
        long startNanos = System.nanoTime();
        Span span = tracer.spanBuilder("POST webhook").setSpanKind(SpanKind.CLIENT)
                .setParent(Traceparent.context(claimed.traceparent()))
                .setAttribute("http.request.method", "POST")
                .setAttribute("url.full", claimed.url())
                .setAttribute("webhook.id", messageId)
                .setAttribute("webhook.event_type", claimed.eventType())
                .startSpan();
        HttpRequest<Buffer> request = client.requestAbs(HttpMethod.POST, server(claimed.url(), address), claimed.url())
                .timeout(config.requestTimeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("webhook-id", messageId)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", WebhookSignature.header(claimed.algorithm(), secrets, messageId, timestamp,
                        claimed.payload()));
        Traceparent.inject(io.opentelemetry.context.Context.root().with(span), request::putHeader);
        return request.sendBuffer(Buffer.buffer(claimed.payload()))
                .onItemOrFailure().invoke((response, failure) -> {
                    if (response != null) {
                        span.setAttribute("http.response.status_code", response.statusCode());
                    }
                    if (failure != null || response == null || response.statusCode() >= 400) {
                        span.setStatus(StatusCode.ERROR);
                    }
                    span.end();
                })
                .onItemOrFailure().transformToUni((response, failure) ->
                        record(claimed, now, (System.nanoTime() - startNanos) / 1_000_000, response, failure));
    }

    private Uni<Void> record(Claimed claimed, Instant started, long durationMs, HttpResponse<Buffer> response,
                             Throwable failure) {
        Instant now = Instant.now();
        Integer statusCode = response == null ? null : response.statusCode();
        String excerpt = response == null ? null : truncate(response.bodyAsString());
        String error = failure == null ? null : truncate(failure.getClass().getSimpleName() + ": " + failure.getMessage());
        if (error == null && statusCode != null && (statusCode < 200 || statusCode >= 300)) {
            error = "HTTP " + statusCode;
        }
        RetryPolicy.Outcome outcome = retryPolicy.decide(claimed.attempts(), claimed.trigger(), statusCode,
                response == null ? null : response.getHeader("retry-after"), now);
        String lastError = error;
        (outcome.success() ? delivered : failed).increment();
        if (!outcome.success() && !claimed.endpointFailing()) {
            // once per failing streak (and per delivery already in flight when it began), in the event's trace
            try (Scope ignored = Traceparent.context(claimed.traceparent()).makeCurrent()) {
                LOG.infof("Endpoint %s started failing: %s (delivery %s of %s)", claimed.endpointId(), lastError,
                        claimed.deliveryId(), claimed.eventType());
            }
        }
        if (outcome.success() && !claimed.endpointFailing()) {
            return successes.record(new SuccessRecorder.Success(claimed.deliveryId(), started, statusCode,
                    (int) durationMs, excerpt, claimed.trigger()));
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(RECORD_ATTEMPT)
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("deliveryId", claimed.deliveryId())
                        .setParameter("attemptedAt", started.atOffset(ZoneOffset.UTC))
                        .setParameter("statusCode", statusCode)
                        .setParameter("durationMs", (int) durationMs)
                        .setParameter("excerpt", excerpt)
                        .setParameter("error", lastError)
                        .setParameter("trigger", claimed.trigger())
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery(UPDATE_DELIVERY)
                                .setParameter("status", outcome.deliveryStatus())
                                .setParameter("nextAttemptAt", outcome.nextAttemptAt() == null ? null
                                        : outcome.nextAttemptAt().atOffset(ZoneOffset.UTC))
                                .setParameter("statusCode", statusCode)
                                .setParameter("error", lastError)
                                .setParameter("id", claimed.deliveryId())
                                .executeUpdate())
                        // a success only touches the endpoint when it ends a failing streak
                        .chain(() -> outcome.success()
                                ? (claimed.endpointFailing()
                                ? session.createNativeQuery(ENDPOINT_SUCCEEDED).setParameter("id", claimed.endpointId()).executeUpdate()
                                : Uni.createFrom().item(0))
                                : session.createNativeQuery(ENDPOINT_FAILED).setParameter("id", claimed.endpointId())
                                .setParameter("now", now.atOffset(ZoneOffset.UTC)).executeUpdate())
                        .chain(() -> outcome.exhausted() ? messageFailed(claimed, statusCode, lastError, now) : Uni.createFrom().voidItem())
                        .chain(() -> outcome.success() ? Uni.createFrom().voidItem()
                                : disableIfDue(session, claimed, outcome.gone() ? "GONE" : "FAILING", now))))
                .replaceWithVoid();
    }

    /** The message goes to the dead-letter topic, which also tells the partner (unless it is itself such a notice). */
    private Uni<Void> messageFailed(Claimed claimed, Integer statusCode, String error, Instant now) {
        if (EventType.WEBHOOK_MESSAGE_FAILED.wireName().equals(claimed.eventType())) {
            LOG.warnf("Failure notice %s could not be delivered to endpoint %s either", claimed.messageId(), claimed.endpointId());
            return Uni.createFrom().voidItem();
        }
        try {
            WebhookMessageFailed failed = new WebhookMessageFailed(claimed.endpointId().toString(), claimed.url(),
                    claimed.messageId().toString(), claimed.eventType(), claimed.subject(), claimed.attempts() + 1,
                    statusCode, error, now, EventCodec.mapper().readTree(claimed.payload()));
            return outbox.append(failed, claimed.endpointId().toString(), claimed.partnerId(), now).replaceWithVoid();
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private Uni<Void> disableIfDue(Mutiny.Session session, Claimed claimed, String reason, Instant now) {
        return session.createNativeQuery(DISABLE_ENDPOINT, Object[].class)
                .setParameter("reason", reason)
                .setParameter("threshold", now.minus(config.disableAfter()).atOffset(ZoneOffset.UTC))
                .setParameter("id", claimed.endpointId())
                .getResultList()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    Object[] row = rows.get(0);
                    LOG.warnf("Endpoint %s disabled (%s)", claimed.endpointId(), reason);
                    Instant failingSince = instant(row[2]);
                    Map<String, String> details = new LinkedHashMap<>();
                    details.put("url", WebhookEndpoint.auditableUrl((String) row[0]));
                    details.put("reason", reason);
                    details.put("status", "DISABLED");
                    if (failingSince != null) {
                        details.put("failingSince", failingSince.toString());
                    }
                    return outbox.append(new WebhookEndpointDisabled(claimed.endpointId().toString(), (String) row[0],
                                    reason, failingSince, now), claimed.endpointId().toString(), (String) row[1], now)
                            // the dispatcher itself disabled it: in the audit log, in the same transaction
                            .chain(() -> audit.record(Actor.system("delivery-worker"), "webhook-endpoint.disabled",
                                    "webhook-endpoint", claimed.endpointId().toString(), (String) row[1], details, now));
                });
    }

    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a timestamp: " + value.getClass());
    }

    private static String truncate(String text) {
        return text == null || text.length() <= EXCERPT ? text : text.substring(0, EXCERPT);
    }
}
