package br.com.ponte.bench;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.EventTime;
import br.com.ponte.infra.EmbeddedKafka;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;

/**
 * The machine's own limits for the dispatcher's work, measured in the same run with plain clients while the
 * dispatcher idles, so that Ponte's figures read as a share of what this machine allows:
 * <ul>
 *   <li>HTTP: the same ConsentCreated bodies, signed (Standard Webhooks), POSTed to the same receiver (its
 *   {@code /ceiling} path, which answers 204 and records nothing), keep-alive, with the dispatcher's
 *   concurrency: {@value #CONNECTIONS} connections, at most {@code maxInFlight} requests in flight, one
 *   event loop per core (at least 2) as Quarkus gives it, sends spread over them;</li>
 *   <li>Kafka: the same records, from the benchmark's producer to a scratch topic of 3 partitions, read by a
 *   plain {@link KafkaConsumer}.</li>
 * </ul>
 * Either as fast as possible (per second from the first send to the last response or record consumed) or at a
 * fixed rate (each one's latency: send to response, send to consumed).
 */
final class Ceiling implements AutoCloseable {

    /** The dispatcher's HTTP connections per endpoint (DeliveryWorker's WebClient, {@code setMaxPoolSize(50)}). */
    static final int CONNECTIONS = 50;
    private static final int WARM_UP = 10_000;
    private static final String SENT_NANOS = "bench-sent-nanos";

    /** One event as it travels: its id, its Kafka key (the subject) and its JSON. */
    private record Event(String id, String key, String body) {
    }

    /** One measurement: requests or records, how many per second, and each one's latency in µs, sorted. */
    record Result(int count, double perSecond, long[] sortedMicros) {

        double p50Millis() {
            return DeliveryBenchmark.pct(sortedMicros, 0.50) / 1000.0;
        }

        double p99Millis() {
            return DeliveryBenchmark.pct(sortedMicros, 0.99) / 1000.0;
        }

        /** e.g. "11,234 requests/s" or, at a fixed rate, "500 requests/s, p50 0.4 ms, p99 1.2 ms" */
        String describe(String unit, boolean latency) {
            String rate = String.format(Locale.ROOT, "%,.0f %s/s", perSecond, unit);
            return latency ? rate + String.format(Locale.ROOT, ", p50 %.1f ms, p99 %.1f ms", p50Millis(), p99Millis())
                    : rate;
        }
    }

    private final Vertx vertx;
    private final List<Context> eventLoops;
    private final HttpClient http;
    private final RequestOptions target;
    private final Webhook signer;
    private final int maxInFlight;
    private final EmbeddedKafka kafka;
    private final KafkaProducer<String, String> producer;
    private final BiFunction<Integer, Instant, EventEnvelope> eventAt;
    private final Duration stall;
    private int scratchTopics;

    /**
     * @param eventAt  the i-th event at a time, as the benchmark sends it
     * @param secret   the endpoint's {@code whsec_} secret, to sign with as the dispatcher does
     */
    Ceiling(String receiverUrl, String secret, int maxInFlight, EmbeddedKafka kafka, KafkaProducer<String, String> producer,
            BiFunction<Integer, Instant, EventEnvelope> eventAt, Duration stall) {
        int loops = Math.max(2, Runtime.getRuntime().availableProcessors()); // Quarkus's default for the dispatcher
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        this.eventLoops = eventLoopContexts(vertx, loops);
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(CONNECTIONS));
        this.target = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(receiverUrl);
        this.signer = new Webhook(secret);
        this.maxInFlight = maxInFlight;
        this.kafka = kafka;
        this.producer = producer;
        this.eventAt = eventAt;
        this.stall = stall;
    }

    /** Unmeasured runs of both, so that the JIT has compiled this JVM's side too. */
    void warmUp() {
        http(WARM_UP, 0);
        kafka(WARM_UP, 0);
    }

    /** {@code total} signed POSTs, as fast as the in-flight limit allows ({@code rate} 0) or {@code rate} per second. */
    Result http(int total, int rate) {
        List<Event> events = events(total);
        Semaphore slots = new Semaphore(maxInFlight);
        Completions completions = new Completions(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            awaitDue(start, i, rate);
            slots.acquireUninterruptibly();
            int index = i;
            long sent = System.nanoTime();
            Event event = events.get(i);
            eventLoops.get(i % eventLoops.size()).runOnContext(ignored -> post(event).onComplete(done -> {
                slots.release();
                completions.completed(index, sent, done.cause());
            }));
        }
        return completions.await(start, stall, "HTTP");
    }

    /** {@code total} records through a scratch topic, as fast as the producer allows ({@code rate} 0) or {@code rate} per second. */
    Result kafka(int total, int rate) {
        String topic = "bench.ceiling." + ++scratchTopics;
        kafka.createTopics(3, topic);
        List<Event> events = events(total);
        Completions completions = new Completions(total);
        Thread consumer = startConsumer(topic, completions);
        try {
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                awaitDue(start, i, rate);
                Event event = events.get(i);
                RecordHeaders headers = new RecordHeaders();
                headers.add(SENT_NANOS, ByteBuffer.allocate(Long.BYTES).putLong(System.nanoTime()).array());
                producer.send(new ProducerRecord<>(topic, null, event.key(), event.body(), headers),
                        (metadata, error) -> completions.failed(error));
            }
            producer.flush();
            return completions.await(start, stall, "Kafka");
        } finally {
            completions.abandon();
            join(consumer);
        }
    }

    /** Built beforehand, as the dispatcher has each payload ready to sign: the clock measures the transport. */
    private List<Event> events(int total) {
        Instant now = EventTime.now();
        List<Event> events = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            EventEnvelope envelope = eventAt.apply(i, now);
            events.add(new Event(envelope.id(), envelope.subject(), EventCodec.encode(envelope)));
        }
        return events;
    }

    /** One POST signed now; completes when the receiver answered 204. */
    private Future<Void> post(Event event) {
        long timestamp = Instant.now().getEpochSecond();
        String signature;
        try {
            signature = signer.sign(event.id(), timestamp, event.body());
        } catch (WebhookSigningException e) {
            return Future.failedFuture(e);
        }
        return http.request(target)
                .compose(request -> request.putHeader("content-type", "application/json")
                        .putHeader("user-agent", "Ponte-Webhooks/1.0")
                        .putHeader("webhook-id", event.id())
                        .putHeader("webhook-timestamp", Long.toString(timestamp))
                        .putHeader("webhook-signature", signature)
                        .send(event.body()))
                .compose(response -> response.statusCode() == 204 ? response.body()
                        : Future.failedFuture("HTTP " + response.statusCode()))
                .mapEmpty();
    }

    /**
     * One context per event loop, as the dispatcher spreads its sends over its event loops (requests made from
     * a thread outside Vert.x would all share one context).
     */
    private static List<Context> eventLoopContexts(Vertx vertx, int count) {
        List<Context> contexts = new CopyOnWriteArrayList<>();
        try {
            vertx.deployVerticle(() -> new AbstractVerticle() {
                @Override
                public void start() {
                    contexts.add(context);
                }
            }, new DeploymentOptions().setInstances(count)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the ceiling's HTTP client", e);
        }
        return List.copyOf(contexts);
    }

    /** A plain consumer of every partition of {@code topic} from its start, running until all records are in; returns once it is positioned. */
    private Thread startConsumer(String topic, Completions completions) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-ceiling");
        CountDownLatch positioned = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    new StringDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                partitions.forEach(consumer::position);
                positioned.countDown();
                int consumed = 0;
                while (!completions.isOver()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        long sent = ByteBuffer.wrap(record.headers().lastHeader(SENT_NANOS).value()).getLong();
                        completions.completed(consumed++, sent, null);
                    }
                }
            } catch (RuntimeException e) {
                completions.failed(e);
            } finally {
                positioned.countDown();
            }
        }, "bench-ceiling-consumer");
        thread.start();
        try {
            positioned.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return thread;
    }

    private static void awaitDue(long start, int i, int rate) {
        if (rate <= 0) {
            return;
        }
        long target = start + i * (1_000_000_000L / rate);
        long wait;
        while ((wait = target - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort
        }
    }

    /** The completions of one measurement: each one's latency, when the last one came, the first failure. */
    private static final class Completions {

        private final long[] micros;
        private final CountDownLatch done;
        private final AtomicLong last = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean abandoned;

        Completions(int total) {
            this.micros = new long[total];
            this.done = new CountDownLatch(total);
        }

        /** The {@code index}-th completion, of one sent at {@code sentNanos}. */
        void completed(int index, long sentNanos, Throwable error) {
            if (error != null) {
                failed(error);
            } else if (index < micros.length) {
                long now = System.nanoTime();
                micros[index] = (now - sentNanos) / 1_000;
                last.accumulateAndGet(now, Math::max);
            }
            done.countDown();
        }

        void failed(Throwable error) {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        }

        boolean isOver() {
            return abandoned || done.getCount() == 0;
        }

        void abandon() {
            abandoned = true;
        }

        Result await(long start, Duration stall, String what) {
            long deadline = System.nanoTime() + stall.toNanos();
            while (!awaitDone(Duration.ofSeconds(1)) && failure.get() == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(what + " ceiling: " + (micros.length - done.getCount()) + " of "
                            + micros.length + " done " + stall.toSeconds() + " s after the last send");
                }
            }
            if (failure.get() != null) {
                throw new IllegalStateException(what + " ceiling failed: " + failure.get(), failure.get());
            }
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            return new Result(micros.length, micros.length / ((last.get() - start) / 1e9), sorted);
        }

        private boolean awaitDone(Duration timeout) {
            try {
                return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
