package br.com.ponte.bench;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The partner's webhook endpoint, on loopback, built to stay out of the way: one Vert.x event loop
 * answers 204 as soon as the body is in, recording for each request when it arrived, its
 * {@code webhook-id} and the event's {@code time}, and when the first event of each subject and type
 * arrived. Every {@code sampleEvery}-th request has its Standard Webhooks signature verified with the
 * reference library. Requests to {@code /ceiling} (the
 * benchmark's plain HTTP client, {@link Ceiling}) are answered the same way and recorded nowhere.
 */
final class FastReceiver implements AutoCloseable {

    /** The first arrival of one webhook-id. {@code time} is the envelope's raw {@code "time"} value. */
    record Receipt(long wallMillis, long nanos, String time) {
    }

    private static final String CEILING_PATH = "/ceiling";
    private static final Pattern TIME = Pattern.compile("\"time\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SUBJECT = Pattern.compile("\"subject\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");

    private final Vertx vertx;
    private final HttpServer server;
    private final int sampleEvery;
    private final ConcurrentHashMap<String, Receipt> receipts = new ConcurrentHashMap<>(1 << 17);
    private final ConcurrentHashMap<String, Long> firstOfSubjectAndType = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong withoutId = new AtomicLong();
    private final AtomicLong sampled = new AtomicLong();
    private final AtomicLong sampleFailures = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private volatile Webhook verifier;
    private volatile Consumer<Receipt> arrivals = receipt -> { };

    FastReceiver(int sampleEvery) {
        this.sampleEvery = Math.max(1, sampleEvery);
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        try {
            this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                            .setIdleTimeout(0).setAcceptBacklog(1024))
                    .requestHandler(this::handle)
                    .listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("Cannot start the receiver", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/hooks/bench";
    }

    String ceilingUrl() {
        return "http://127.0.0.1:" + server.actualPort() + CEILING_PATH;
    }

    /** Called on the receiver's event loop with the first arrival of each webhook-id from now on. */
    void onArrival(Consumer<Receipt> listener) {
        this.arrivals = listener;
    }

    void verifyWith(String whsecSecret) {
        this.verifier = new Webhook(whsecSecret);
    }

    private void handle(HttpServerRequest request) {
        if (request.path().equals(CEILING_PATH)) {
            request.body().onComplete(read -> request.response().setStatusCode(read.succeeded() ? 204 : 400).end());
            return;
        }
        request.body().onComplete(read -> {
            if (read.failed()) {
                request.response().setStatusCode(400).end();
                return;
            }
            long wall = System.currentTimeMillis();
            long nanos = System.nanoTime();
            request.response().setStatusCode(204).end();
            String body = read.result().toString(StandardCharsets.UTF_8);
            String id = request.getHeader("webhook-id");
            long n = requests.incrementAndGet();
            if (id == null) {
                withoutId.incrementAndGet();
                return;
            }
            Matcher time = TIME.matcher(body);
            Receipt receipt = new Receipt(wall, nanos, time.find() ? time.group(1) : null);
            if (receipts.putIfAbsent(id, receipt) != null) {
                duplicates.incrementAndGet();
            } else {
                arrivals.accept(receipt);
                recordSubjectAndType(body, nanos);
            }
            if (n % sampleEvery == 0) {
                verify(request, id, body);
            }
        });
    }

    /** The envelope's subject and type come before its data, so their first occurrences are the envelope's. */
    private void recordSubjectAndType(String body, long nanos) {
        Matcher subject = SUBJECT.matcher(body);
        Matcher type = TYPE.matcher(body);
        if (subject.find() && type.find()) {
            firstOfSubjectAndType.putIfAbsent(subject.group(1) + " " + type.group(1), nanos);
        }
    }

    private void verify(HttpServerRequest request, String id, String body) {
        sampled.incrementAndGet();
        Webhook webhook = verifier;
        String failure = null;
        if (webhook == null) {
            failure = "no secret to verify with";
        } else {
            Map<String, List<String>> headers = Map.of(
                    "webhook-id", List.of(id),
                    "webhook-timestamp", List.of(String.valueOf(request.getHeader("webhook-timestamp"))),
                    "webhook-signature", List.of(String.valueOf(request.getHeader("webhook-signature"))));
            try {
                webhook.verify(body, headers);
            } catch (WebhookVerificationException | RuntimeException e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        if (failure != null) {
            sampleFailures.incrementAndGet();
            firstFailure.compareAndSet(null, "webhook-id " + id + ": " + failure);
        }
    }

    /** Distinct webhook-ids received so far. */
    int distinct() {
        return receipts.size();
    }

    Receipt receipt(String webhookId) {
        return receipts.get(webhookId);
    }

    /** When ({@link System#nanoTime}) the first event of {@code type} about {@code subject} arrived; null before. */
    Long arrivalNanos(String subject, String type) {
        return firstOfSubjectAndType.get(subject + " " + type);
    }

    long requests() {
        return requests.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long withoutId() {
        return withoutId.get();
    }

    long sampled() {
        return sampled.get();
    }

    long sampleFailures() {
        return sampleFailures.get();
    }

    String firstFailure() {
        return firstFailure.get();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort
        }
    }
}
