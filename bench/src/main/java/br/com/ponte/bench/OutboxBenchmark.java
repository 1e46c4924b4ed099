package br.com.ponte.bench;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventData;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.EventTime;
import br.com.ponte.events.EventType;
import br.com.ponte.events.data.ConsentCreated;
import br.com.ponte.events.data.PaymentStatusChanged;
import br.com.ponte.events.data.PaymentSummary;
import br.com.ponte.infra.EmbeddedPostgresServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.function.IntPredicate;

/**
 * Commit -> Kafka lag of the transactional outbox, on the whole platform as {@code ./ponte up} runs it
 * ({@link BenchPlatform}: every service its own JVM relaying its own outbox with Debezium's embedded
 * engine, real Kafka and PostgreSQL). Two writers, one per service database (consent-service's and
 * payment-service's), insert rows into the {@code outbox} table as the services' {@code Outbox} does,
 * each in a transaction of its own, at {@code bench.outbox.rate} rows/s each on a nanosecond schedule
 * (spread over {@code bench.outbox.connections} connections each, as a service commits from several);
 * every payload is a valid event envelope. A plain consumer of the topics the rows are routed to
 * records when each one arrives: <i>lag = receipt - commit</i> (the moment {@code commit()} returned),
 * both on this JVM's clock, as p50/p95/p99/max per service and overall, over {@code bench.outbox.seconds}
 * after a warm-up at the same rate ({@code bench.outbox.warmupSeconds}) that is not measured and has
 * arrived before they start.
 *
 * <p>Then the <b>ceiling</b>: the same events at the same rate from a plain {@link KafkaProducer}
 * (acks=all) straight to those topics, read by the same consumer (hand-over to receipt): what Kafka
 * and this machine allow without the outbox. The exit code is 0 when every row and record arrived
 * exactly once (the target met or not), 2 when one did not, 1 on an error.
 */
public final class OutboxBenchmark implements BenchPlatform.Benchmark {

    static final double TARGET_P99_MILLIS = 200;
    static final int RATE = Integer.getInteger("bench.outbox.rate", 1_000);
    static final int SECONDS = Integer.getInteger("bench.outbox.seconds", 30);
    /** With the full JIT the services compile for about a minute; measured before that, the figures are the compiler's. */
    static final int WARMUP_SECONDS = Integer.getInteger("bench.outbox.warmupSeconds", BenchPlatform.c1Only() ? 5 : 60);
    /**
     * Connections (threads) writing each service's rows in turn, on one schedule: one connection commits only as
     * often as the disk syncs (about 600 times a second on the reference machine).
     */
    static final int LANES = Integer.getInteger("bench.outbox.connections", 4);
    /** Distinct subjects (Kafka keys) per service and phase. */
    private static final int SUBJECTS = 1_000;
    /** A phase gives up waiting for what is missing when nothing new arrived for this long. */
    private static final Duration STALL = Duration.ofSeconds(30);
    private static final String INSERT = """
            insert into outbox (id, aggregatetype, aggregateid, type, payload, partner_id, sequence, occurred_at)
            values (?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)""";
    private static final PaymentSummary PAYMENT = new PaymentSummary("100.12", "BRL", LocalDate.now().toString(),
            "Padaria Pao Quente", "11222333000181", "MANU");
    private static final String PARTNER = "bench-outbox-partner";

    /** A service whose outbox is written: its database and the event it writes about a subject at a time. */
    record Source(String service, String database, BiFunction<String, Instant, EventData> event) {

        /** The topic the service's relay routes these events to (their type's). */
        String topic() {
            return EventType.of(event.apply("topic", Instant.EPOCH)).topic().topicName();
        }
    }

    static final List<Source> SOURCES = List.of(
            new Source("consent-service", "consent", (subject, time) -> new ConsentCreated(subject, "sandbox-bank", null,
                    "AWAITING_AUTHORISATION", time.plusSeconds(300), PAYMENT)),
            // not a final status: consent-service, which follows payments, only marks the event processed
            new Source("payment-service", "payment", (subject, time) -> new PaymentStatusChanged(subject,
                    UUID.nameUUIDFromBytes(subject.getBytes(StandardCharsets.UTF_8)).toString(), null, "RCVD", "ACCP", null, null, null)));

    /**
     * When an event counted as sent (nanoTime), by which source, and the second of the schedule it was due in,
     * counted from the end of the warm-up (negative during it).
     */
    private record Sent(int source, long nanos, int second) {

        boolean measured() {
            return second >= 0;
        }
    }

    /** Sends one event; answers the nanoTime its lag counts from. */
    private interface Sender extends AutoCloseable {

        long send(EventEnvelope event) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /** Opens the sender of one source. */
    private interface SenderFactory {
        Sender open(Source source) throws Exception;
    }

    /** What one source (or all) of a phase gave: every event's fate, and the measured ones' lags in ms. */
    record Figures(String name, long written, long arrived, long missing, long duplicates, List<Double> lagMillis) {

        /** The {@code p}-th percentile of the lags (100: the largest). */
        double millis(double p) {
            return Percentiles.of(lagMillis, p);
        }

        String row() {
            return String.format(Locale.ROOT, "  %-34s %,8d %,8d %,8d %,6d %9.1f %9.1f %9.1f %9.1f", name, written, arrived, missing,
                    duplicates, millis(50), millis(95), millis(99), millis(100));
        }
    }

    private final BenchPlatform platform;
    private final PrintStream out;
    private final ArrivalLog arrivals = new ArrivalLog();
    private PlatformCpu cpu;

    OutboxBenchmark(BenchPlatform platform, PrintStream out) {
        this.platform = platform;
        this.out = out;
    }

    public static void main(String[] args) {
        BenchPlatform.main(args, "outbox", "Usage: bench/run outbox [-Dbench.outbox.rate=1000] [-Dbench.outbox.seconds=30] "
                        + "[-Dbench.outbox.warmupSeconds=60 (5 with c1Only)] [-Dbench.outbox.connections=4] [-Dbench.env.NAME=value] [-Dbench.c1Only=true] (see bench/README.md)",
                OutboxBenchmark::new);
    }

    @Override
    public void close() {
        platform.close();
    }

    @Override
    public int run() throws Exception {
        Map<String, String> environment = serviceEnvironment();
        out.printf(Locale.ROOT, "Outbox benchmark: %d services x %,d rows/s for %d s (after %d s not measured), %d cores%s%n",
                SOURCES.size(), RATE, SECONDS, WARMUP_SECONDS, Runtime.getRuntime().availableProcessors(),
                environment.isEmpty() ? "" : "; the two services' environment " + environment);
        SOURCES.forEach(source -> platform.withEnvironment(source.service(), environment));
        platform.withFullJit(SOURCES.stream().map(Source::service).toList(), out);
        platform.start(out);
        cpu = new PlatformCpu(platform);
        String bootstrap = "localhost:" + platform.ports().kafka();
        arrivals.start(bootstrap, SOURCES.stream().map(Source::topic).toList());
        try {
            awaitRelays();
            out.println("Writing outbox rows ...");
            List<Figures> outbox = phase("outbox", source -> new OutboxWriter(platform.stack().postgres(), source));
            out.println("Producing the same events with a plain producer (the ceiling) ...");
            List<Figures> ceiling;
            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                ceiling = phase("ceiling", source -> event -> handOver(producer, source, event));
            }
            return summary(outbox, ceiling);
        } finally {
            arrivals.close();
        }
    }

    /** One event per service written and relayed before anything is measured: each relay streams. */
    private void awaitRelays() throws Exception {
        out.println("Waiting for each service's relay to stream ...");
        Set<String> probes = new HashSet<>();
        for (Source source : SOURCES) {
            try (Sender writer = new OutboxWriter(platform.stack().postgres(), source)) {
                EventEnvelope probe = event(source, "probe", 0);
                writer.send(probe);
                probes.add(probe.id());
            }
        }
        if (arrivals.await(probes, Duration.ofMinutes(2)) < probes.size()) {
            throw new IllegalStateException("The relays published nothing within 2 minutes");
        }
    }

    /**
     * A stretch of the schedule: the events' name (their subjects' prefix), when it starts (nanoTime), the second
     * of the measurement its first event is due in (negative: the warm-up) and how many seconds it lasts.
     */
    private record Stretch(String name, long start, int firstSecond, int seconds) {

        /** A stretch starting in 100 ms (the lanes open their senders meanwhile). */
        static Stretch from(String name, int firstSecond, int seconds) {
            return new Stretch(name, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100), firstSecond, seconds);
        }

        /** Events per source. */
        int events() {
            return seconds * RATE;
        }

        /** When event {@code i} is due: no drift, whatever the sends before it took. */
        long due(int i) {
            return start + i * 1_000_000_000L / RATE;
        }

        int second(int i) {
            return firstSecond + i / RATE;
        }
    }

    /**
     * Sends the events of every source at once, each source at {@link #RATE} on a nanosecond schedule over
     * {@link #LANES} threads with a sender each: first the warm-up, whose events are awaited, then the measured
     * seconds; waits for those too and answers the figures per source, then overall.
     */
    private List<Figures> phase(String name, SenderFactory senders) throws Exception {
        Map<String, Sent> sent = new ConcurrentHashMap<>();
        if (WARMUP_SECONDS > 0) {
            sendAll(Stretch.from(name + "-warmup", -WARMUP_SECONDS, WARMUP_SECONDS), senders, sent);
            arrivals.await(sent.keySet(), STALL);
        }
        PlatformCpu.Snapshot before = cpu.snapshot();
        Stretch measured = Stretch.from(name, 0, SECONDS);
        long maxLateness = sendAll(measured, senders, sent);
        double seconds = (System.nanoTime() - measured.start()) / 1e9;
        int events = SOURCES.size() * measured.events();
        out.printf(Locale.ROOT, "  %,d events in %.1f s: %,.0f/s of %,d/s offered (latest send %.0f ms behind its schedule)%n",
                events, seconds, events / seconds, SOURCES.size() * RATE, maxLateness / 1e6);
        out.println("  CPU: " + PlatformCpu.perSecond(before, cpu.snapshot()));
        arrivals.await(sent.keySet(), STALL);
        out.println("  worst ms " + worstPerSecond(sent) + "   (worst lag of the events due in each measured second)");
        List<Figures> figures = new ArrayList<>();
        for (int s = 0; s < SOURCES.size(); s++) {
            int source = s;
            figures.add(figures(SOURCES.get(s).service() + " (" + SOURCES.get(s).topic() + ")", sent, i -> i == source));
        }
        figures.add(figures("overall", sent, i -> true));
        return figures;
    }

    /** Runs every lane of every source at once, until the stretch is sent; answers the latest a send started behind its schedule, in ns. */
    private long sendAll(Stretch stretch, SenderFactory senders, Map<String, Sent> sent) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(SOURCES.size() * LANES);
        try {
            List<Future<Long>> lanes = new ArrayList<>();
            for (int s = 0; s < SOURCES.size(); s++) {
                for (int l = 0; l < LANES; l++) {
                    int source = s;
                    int lane = l;
                    lanes.add(threads.submit((Callable<Long>) () -> {
                        try (Sender sender = senders.open(SOURCES.get(source))) {
                            return paced(stretch, source, lane, sender, sent);
                        }
                    }));
                }
            }
            long maxLateness = 0;
            for (Future<Long> lane : lanes) {
                maxLateness = Math.max(maxLateness, lane.get());
            }
            return maxLateness;
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Sends one lane's share of a source's events of the stretch (every {@link #LANES}-th, from the
     * {@code lane}-th), each when it is due (a late one at once, none skipped); answers the latest a send started
     * behind its schedule, in ns.
     */
    private long paced(Stretch stretch, int source, int lane, Sender sender, Map<String, Sent> sent) throws Exception {
        long maxLateness = 0;
        for (int i = lane; i < stretch.events(); i += LANES) {
            long due = stretch.due(i);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLateness = Math.max(maxLateness, System.nanoTime() - due);
            EventEnvelope event = event(SOURCES.get(source), stretch.name(), i);
            sent.put(event.id(), new Sent(source, sender.send(event), stretch.second(i)));
        }
        return maxLateness;
    }

    /** The i-th event of a source in a phase: {@link #SUBJECTS} subjects in turn, each with its sequence. */
    private static EventEnvelope event(Source source, String phase, int i) {
        String subject = String.format(Locale.ROOT, "bench-%s-%s-%04d", phase, source.database(), i % SUBJECTS);
        Instant now = EventTime.now();
        return EventEnvelope.create(source.event().apply(subject, now), source.service(), subject, PARTNER, now, i / SUBJECTS + 1);
    }

    /** The ceiling's send: the record as the relay would publish it, handed to the producer. */
    private static long handOver(KafkaProducer<String, String> producer, Source source, EventEnvelope event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("id", event.id().getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, String> record = new ProducerRecord<>(source.topic(), null, event.subject(),
                EventCodec.encode(event), headers);
        long handedOver = System.nanoTime();
        producer.send(record);
        return handedOver;
    }

    /**
     * The worst lag of the measured events due in each second of the schedule, in ms: a tail spread out, or a
     * backlog that built up and drained.
     */
    private String worstPerSecond(Map<String, Sent> sent) {
        long[] worst = new long[SECONDS];
        sent.forEach((id, event) -> {
            ArrivalLog.Receipt receipt = arrivals.receipt(id);
            if (event.measured() && receipt != null) {
                worst[event.second()] = Math.max(worst[event.second()], (receipt.nanos() - event.nanos()) / 1_000_000);
            }
        });
        StringBuilder line = new StringBuilder();
        for (long millis : worst) {
            line.append(String.format(Locale.ROOT, "%6d", millis));
        }
        return line.toString();
    }

    private Figures figures(String name, Map<String, Sent> sent, IntPredicate source) {
        long written = 0;
        long arrived = 0;
        long duplicates = 0;
        List<Double> lags = new ArrayList<>();
        for (Map.Entry<String, Sent> event : sent.entrySet()) {
            if (!source.test(event.getValue().source())) {
                continue;
            }
            written++;
            ArrivalLog.Receipt receipt = arrivals.receipt(event.getKey());
            if (receipt == null) {
                continue;
            }
            arrived++;
            duplicates += receipt.copies() - 1;
            if (event.getValue().measured()) {
                lags.add(Math.max(0, receipt.nanos() - event.getValue().nanos()) / 1e6);
            }
        }
        return new Figures(name, written, arrived, written - arrived, duplicates, lags);
    }

    private int summary(List<Figures> outbox, List<Figures> ceiling) {
        String header = String.format(Locale.ROOT, "  %-34s %8s %8s %8s %6s %9s %9s %9s %9s", "", "rows", "arrived", "missing",
                "dupl.", "p50 ms", "p95 ms", "p99 ms", "max ms");
        out.println();
        out.printf(Locale.ROOT, "=== Outbox: commit -> Kafka consumer, %d services x %,d rows/s, lags of the last %d s ===%n",
                SOURCES.size(), RATE, SECONDS);
        out.println(header);
        outbox.forEach(f -> out.println(f.row()));
        out.println("Ceiling: the same events from a plain KafkaProducer (acks=all), hand-over -> consumer");
        out.println(header);
        ceiling.forEach(f -> out.println(f.row()));
        Figures ponte = outbox.get(outbox.size() - 1);
        Figures plain = ceiling.get(ceiling.size() - 1);
        out.printf(Locale.ROOT, "Ponte p99 %.1f ms at %,d rows/s (ceiling p50 %.1f ms, p99 %.1f ms); target p99 < %.0f ms: %s%n",
                ponte.millis(99), SOURCES.size() * RATE, plain.millis(50), plain.millis(99), TARGET_P99_MILLIS,
                ponte.millis(99) < TARGET_P99_MILLIS ? "MET" : "MISSED");
        boolean exactlyOnce = ponte.missing() == 0 && ponte.duplicates() == 0 && plain.missing() == 0 && plain.duplicates() == 0;
        out.println(exactlyOnce ? "Checks: every row and record arrived exactly once."
                : "CHECK FAILED: rows or records missing or arrived more than once (see above).");
        return exactlyOnce ? 0 : 2;
    }

    /** {@code -Dbench.env.<NAME>=value}: extra environment for the services whose outbox is written (e.g. the relay's settings). */
    private static Map<String, String> serviceEnvironment() {
        Map<String, String> environment = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench.env."))
                .forEach(name -> environment.put(name.substring("bench.env.".length()), System.getProperty(name)));
        return environment;
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-outbox-ceiling");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // as the relay's producer
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Inserts each event into a service's outbox as its {@code Outbox} does, in a transaction of its own. */
    private static final class OutboxWriter implements Sender {

        private final Connection connection;
        private final PreparedStatement insert;

        OutboxWriter(EmbeddedPostgresServer postgres, Source source) throws SQLException {
            connection = DriverManager.getConnection(postgres.jdbcUrl(source.database()), postgres.user(), postgres.password());
            connection.setAutoCommit(false);
            insert = connection.prepareStatement(INSERT);
        }

        /** Answers when the commit returned. */
        @Override
        public long send(EventEnvelope event) throws SQLException {
            EventType type = event.eventType().orElseThrow();
            insert.setObject(1, UUID.fromString(event.id()));
            insert.setString(2, type.topic().topicName());
            insert.setString(3, event.subject());
            insert.setString(4, type.wireName());
            insert.setString(5, EventCodec.encode(event));
            insert.setString(6, event.partnerId());
            insert.setLong(7, event.sequence());
            insert.setObject(8, event.time().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
            connection.commit();
            return System.nanoTime();
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /**
     * A plain consumer of every partition of some topics, from their end, in a thread of its own: when each event
     * (by the record's {@code id} header, the event id, as the relay writes it) first arrived, and how many times.
     */
    private static final class ArrivalLog implements AutoCloseable {

        record Receipt(long nanos, int copies) {
        }

        private final Map<String, Receipt> receipts = new ConcurrentHashMap<>();
        private final CountDownLatch positioned = new CountDownLatch(1);
        private volatile RuntimeException failure;
        private volatile boolean stopped;
        private Thread thread;

        /** Starts consuming; returns once the consumer is positioned at the end of every partition. */
        void start(String bootstrap, List<String> topics) throws InterruptedException {
            thread = new Thread(() -> consume(bootstrap, topics), "bench-outbox-consumer");
            thread.start();
            positioned.await();
            if (failure != null) {
                throw failure;
            }
        }

        private void consume(String bootstrap, List<String> topics) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-outbox-consumer");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> partitions = topics.stream().flatMap(topic -> consumer.partitionsFor(topic).stream())
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                positioned.countDown();
                while (!stopped) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        received(record, System.nanoTime());
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                positioned.countDown();
            }
        }

        private void received(ConsumerRecord<String, String> record, long nanos) {
            Header id = record.headers().lastHeader("id");
            if (id != null) {
                receipts.merge(new String(id.value(), StandardCharsets.UTF_8), new Receipt(nanos, 1),
                        (first, again) -> new Receipt(first.nanos(), first.copies() + 1));
            }
        }

        /** The event's receipt; null while it has not arrived. */
        Receipt receipt(String id) {
            return receipts.get(id);
        }

        /** Waits until every one of {@code ids} arrived, or nothing new did for {@code stall}; answers how many arrived. */
        int await(Set<String> ids, Duration stall) throws InterruptedException {
            int arrived = 0;
            long lastProgress = System.nanoTime();
            while (failure == null) {
                int now = (int) ids.stream().filter(receipts::containsKey).count();
                if (now > arrived) {
                    arrived = now;
                    lastProgress = System.nanoTime();
                }
                if (arrived == ids.size() || System.nanoTime() - lastProgress > stall.toNanos()) {
                    return arrived;
                }
                Thread.sleep(100);
            }
            throw failure;
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            if (thread != null) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
    }
}
