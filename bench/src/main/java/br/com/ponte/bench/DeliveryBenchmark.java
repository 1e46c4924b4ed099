package br.com.ponte.bench;

import br.com.ponte.infra.Dirs;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.EventTime;
import br.com.ponte.events.data.ConsentCreated;
import br.com.ponte.events.data.PaymentSummary;
import br.com.ponte.infra.EmbeddedKafka;
import br.com.ponte.infra.EmbeddedPostgresServer;
import br.com.ponte.infra.PartnerTokens;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Benchmark of the webhook-dispatcher: real Kafka and PostgreSQL (embedded-infra, in this JVM and as
 * a child process), the packaged dispatcher as its own JVM, and a fast receiver on loopback.
 * <ol>
 *   <li>sustained throughput: {@code bench.events} ConsentCreated events produced as fast as the
 *   producer allows; signed deliveries per second from the first send to the last receipt, then
 *   the attempt log checked in the database;</li>
 *   <li>latency: events offered at each of {@code bench.rates} per second for {@code bench.seconds}, each
 *   stamped with its send time; event time to receipt, p50/p95/p99/max.</li>
 * </ol>
 * Before each phase, the machine's own limit for the same work ({@link Ceiling}) is measured, and Ponte's
 * figure is printed as a share of it; the dispatcher's memory ({@link DispatcherMemory}) at start and end.
 * {@code bench/run soak} offers a constant rate for a long time instead ({@link SoakMonitor}).
 * Run it with {@code bench/run} (see bench/README.md); nothing of it runs during the build.
 */
public final class DeliveryBenchmark implements AutoCloseable {

    static final double TARGET_DELIVERIES_PER_SECOND = 8000;
    static final double TARGET_P99_MILLIS = 100;
    /** WebhookConfig's default for {@code ponte.webhook.max-in-flight}. */
    private static final String DISPATCHER_MAX_IN_FLIGHT = "256";
    private static final Duration SOAK_WINDOW = Duration.ofSeconds(30);

    private static final List<String> TOPICS = List.of("consent.events", "payment.events", "sharing.events",
            "collection.events", "certificate.events", "webhook.events", "webhook.dead-letters");
    private static final String TOPIC = "consent.events";
    private static final PaymentSummary PAYMENT = new PaymentSummary("100.12", "BRL", LocalDate.now().toString(),
            "Padaria Pao Quente", "11222333000181", "MANU");

    /** The knobs, all system properties (see bench/README.md). */
    record Settings(Path root, Path dispatcherJar, List<String> dispatcherJvm, int warmup, int events, List<Integer> rates,
                    int seconds, int latencyWarmupSeconds, int ceilingSeconds, int soakRate, int soakSeconds, int subjects,
                    int sampleEvery, Duration stall, Map<String, String> extraEnv, Map<String, String> pgSettings, boolean keep) {

        static Settings fromSystemProperties() {
            Path root = Path.of(System.getProperty("ponte.root", ".")).toAbsolutePath().normalize();
            String jar = System.getProperty("bench.dispatcherJar");
            Map<String, String> env = new LinkedHashMap<>();
            Map<String, String> pg = new LinkedHashMap<>();
            System.getProperties().stringPropertyNames().stream().sorted().forEach(name -> {
                if (name.startsWith("bench.env.")) {
                    env.put(name.substring("bench.env.".length()), System.getProperty(name));
                } else if (name.startsWith("bench.pg.")) {
                    pg.put(name.substring("bench.pg.".length()), System.getProperty(name));
                }
            });
            return new Settings(root,
                    jar != null ? Path.of(jar) : root.resolve("webhook-dispatcher/target/quarkus-app/quarkus-run.jar"),
                    List.of(System.getProperty("bench.dispatcherJvm", "-XX:+UseParallelGC -Xmx768m").trim().split("\\s+")),
                    Integer.getInteger("bench.warmup", 2_000),
                    Integer.getInteger("bench.events", 40_000),
                    parseRates(),
                    Integer.getInteger("bench.seconds", 30),
                    Integer.getInteger("bench.latencyWarmupSeconds", 5),
                    Integer.getInteger("bench.ceilingSeconds", 10),
                    Integer.getInteger("bench.soakRate", 5_000),
                    Integer.getInteger("bench.soakSeconds", 600),
                    Integer.getInteger("bench.subjects", 1_000),
                    Integer.getInteger("bench.sampleEvery", 100),
                    Duration.ofSeconds(Integer.getInteger("bench.stallSeconds", 60)),
                    env, pg, Boolean.getBoolean("bench.keep"));
        }

        /** {@code bench.rates} (comma-separated), else {@code bench.rate} alone, else 500 and 2,000. */
        private static List<Integer> parseRates() {
            String rates = System.getProperty("bench.rates", System.getProperty("bench.rate", "500,2000"));
            return Arrays.stream(rates.split(",")).map(String::trim).map(Integer::valueOf).toList();
        }
    }

    /** What the throughput phase measured. */
    record Throughput(int events, double seconds, double perSecond, long attemptRows, long succeeded,
                      long nonSuccessAttempts, long missing, long duplicates, double persistedSeconds,
                      double ingestedSeconds, String cpu, String pgActivity, Ceilings ceiling) {
    }

    /** What a latency phase measured (milliseconds), and the ceiling at its rate. */
    record Latency(int rate, int seconds, int events, long[] sortedMillis, double actualSeconds, double maxSendLagMillis,
                   long missing, long duplicates, String cpu, String pgActivity, Ceilings ceiling) {
    }

    /** The machine's limits for the same work as a phase: HTTP POSTs and Kafka records with plain clients. */
    record Ceilings(Ceiling.Result http, Ceiling.Result kafka) {
    }

    // strong reference: JUL loggers are weakly held; the benchmark prints its own start-up lines
    private static final java.util.logging.Logger INFRA_LOG = java.util.logging.Logger.getLogger("br.com.ponte.infra");
    // "Attempting to close NetworkClient that has already been closed" when the broker stops
    private static final java.util.logging.Logger NETWORK_CLIENT_LOG =
            java.util.logging.Logger.getLogger("org.apache.kafka.clients.NetworkClient");

    private final Settings settings;
    private final PrintStream out;
    private final String partnerId = "bench-partner-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sendErrors = new AtomicLong();
    private final AtomicReference<Throwable> firstSendError = new AtomicReference<>();

    private Path workDir;
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafka kafka;
    private FastReceiver receiver;
    private String endpointSecret;
    private DispatcherProcess dispatcher;
    private DispatcherMemory memory;
    private DispatcherMemory.Sample memoryAtStart;
    private Ceiling ceiling;
    private KafkaProducer<String, String> producer;
    private Connection db;
    private Connection admin; // to database postgres: reading statistics there does not count in webhook's
    private long ownWebhookQueries; // transactions this benchmark ran in database webhook (subtracted from its statistics)
    private PgActivitySampler pgActivity;
    private CpuMeter cpu;
    private boolean closed;
    private volatile boolean closing;
    private volatile boolean failed; // keep the data for a look at it

    DeliveryBenchmark(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) {
        launch(args, DeliveryBenchmark::run);
    }

    /** {@code bench/run soak}: a constant rate for {@code bench.soakSeconds}, watching the dispatcher's memory. */
    static void soak(String[] args) {
        launch(args, DeliveryBenchmark::soak);
    }

    /** What a launch runs on the benchmark; returns the exit code. */
    private interface Mode {
        int run(DeliveryBenchmark bench) throws Exception;
    }

    private static void launch(String[] args, Mode mode) {
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.println("Usage: bench/run [soak] [-Dbench.events=40000] [-Dbench.rates=500,2000] [-Dbench.seconds=30] "
                    + "[-Dbench.soakSeconds=600] ... (see bench/README.md)");
            return;
        }
        INFRA_LOG.setLevel(java.util.logging.Level.WARNING);
        NETWORK_CLIENT_LOG.setLevel(java.util.logging.Level.SEVERE);
        DeliveryBenchmark bench = new DeliveryBenchmark(Settings.fromSystemProperties(), System.out);
        Thread hook = new Thread(() -> {
            if (!bench.isClosed()) {
                System.out.println("\nStopping the benchmark...");
                bench.close();
            }
        }, "bench-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int exit;
        try {
            exit = mode.run(bench);
        } catch (Throwable e) {
            if (bench.closing) {
                System.err.println("Benchmark interrupted.");
            } else {
                bench.failed = true;
                System.err.println("Benchmark failed: " + e);
                e.printStackTrace();
                bench.printDispatcherLogTail();
            }
            exit = 1;
        } finally {
            bench.close();
        }
        System.exit(exit);
    }

    /** Runs every phase and prints the summary; 0 when every check held (targets or not), 2 otherwise. */
    int run() throws Exception {
        out.printf("webhook-dispatcher benchmark: %d cores, Java %s; warm-up %d, throughput %d events, latency %s/s for %d s each%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), settings.warmup(),
                settings.events(), settings.rates().stream().map(String::valueOf).collect(Collectors.joining(" and ")),
                settings.seconds());
        startStack();
        warmUp();
        ceiling = new Ceiling(receiver.ceilingUrl(), endpointSecret,
                Integer.parseInt(settings.extraEnv().getOrDefault("PONTE_WEBHOOK_MAX_IN_FLIGHT", DISPATCHER_MAX_IN_FLIGHT)),
                kafka, producer, (i, time) -> envelope("ceil", i, time), settings.stall());
        ceiling.warmUp();
        pause();
        Throughput throughput = throughputPhase();
        List<Latency> latencies = new ArrayList<>();
        for (int rate : settings.rates()) {
            pause();
            latencies.add(latencyPhase(rate));
        }
        return summary(throughput, latencies);
    }

    /** The soak: the stack, the warm-up, then a constant rate with a report every 30 s; 0 when every check held, 2 otherwise. */
    int soak() throws Exception {
        int rate = settings.soakRate();
        int total = rate * settings.soakSeconds();
        out.printf("webhook-dispatcher soak: %d cores, Java %s; warm-up %d, then %d events/s for %d s (%d events)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), settings.warmup(), rate,
                settings.soakSeconds(), total);
        startStack();
        warmUp();
        pause();
        out.printf("%nSoak: %d events/s for %d s, a line every %d s (delivered/s and p99 of the deliveries that arrived in it, "
                        + "events ingested per second)...%n",
                rate, settings.soakSeconds(), SOAK_WINDOW.toSeconds());
        long[] liveHeap = {memory.liveHeapBytes(), -1, -1};
        out.println("Dispatcher live heap (after a full GC) before the soak: " + DispatcherMemory.mib(liveHeap[0]));
        List<String> ids = new ArrayList<>(total);
        int baseline = receiver.distinct();
        long duplicatesBefore = receiver.duplicates();
        try (Connection statistics = connect();
             SoakMonitor monitor = new SoakMonitor(receiver, memory, () -> messagesInserted(statistics), out, SOAK_WINDOW)) {
            long[] sent = paced("soak", rate, total, ids);
            out.printf("  offered %d events in %.1f s (max send lag %.1f ms); waiting for the rest...%n", total,
                    (sent[1] - sent[0]) / 1e9, sent[2] / 1e6);
            liveHeap[1] = memory.liveHeapBytes();
            out.println("  dispatcher live heap (after a full GC) at the end of the sending: " + DispatcherMemory.mib(liveHeap[1]));
            awaitArrivals("soak", ids, baseline, sent[0], false);
            double allArrived = (System.nanoTime() - sent[0]) / 1e9;
            monitor.stop();
            liveHeap[2] = memory.liveHeapBytes();
            return soakSummary(monitor, total, allArrived, receiver.distinct() - baseline,
                    receiver.duplicates() - duplicatesBefore, liveHeap);
        }
    }

    private void startStack() throws Exception {
        long startedAt = System.nanoTime();
        start();
        out.printf("Stack ready in %.1f s (dispatcher log: %s)%n", (System.nanoTime() - startedAt) / 1e9, dispatcher.log());
        memoryAtStart = memory.sample();
        out.println("Dispatcher memory at start: " + memoryAtStart.describe());
    }

    // ---------------------------------------------------------------- setup

    private void start() throws Exception {
        workDir = Files.createTempDirectory("ponte-bench-");
        Path pgData = workDir.resolve("postgres");
        postgres = EmbeddedPostgresServer.start(pgData, 0);
        postgres.createDatabase("webhook");
        if (!settings.pgSettings().isEmpty()) {
            applyPostgresSettings(settings.pgSettings());
        }
        kafka = EmbeddedKafka.start(workDir.resolve("kafka"), 0);
        List<String> topics = new ArrayList<>();
        TOPICS.forEach(t -> {
            topics.add(t);
            topics.add(t + ".dlq");
        });
        kafka.createTopics(3, topics.toArray(String[]::new));
        out.printf("PostgreSQL on %d (data %s), Kafka on %s%n", postgres.port(), pgData, kafka.bootstrapServers());

        receiver = new FastReceiver(settings.sampleEvery());

        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("PONTE_DB_HOST", "localhost");
        env.put("PONTE_DB_PORT", Integer.toString(postgres.port()));
        env.put("PONTE_DB_NAME", "webhook");
        env.put("PONTE_DB_USER", postgres.user());
        env.put("PONTE_DB_PASSWORD", postgres.password());
        env.put("PONTE_WEBHOOK_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey));
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", PartnerTokens.publicKeyPem().toUri().toString());
        env.put("MP_JWT_VERIFY_ISSUER", PartnerTokens.ISSUER);
        env.put("MP_JWT_VERIFY_AUDIENCES", PartnerTokens.AUDIENCE);
        // the receiver is plain http on loopback: allow it, as ./ponte up does (the packaged jar's prod profile refuses both)
        env.put("PONTE_WEBHOOK_ALLOWED_PRIVATE_NETWORKS", "127.0.0.0/8");
        env.put("PONTE_WEBHOOK_REQUIRE_HTTPS", "false");
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        env.putAll(settings.extraEnv());
        int port = freePort();
        out.printf("Starting the webhook-dispatcher (%s %s) on %d%s%n", String.join(" ", settings.dispatcherJvm()),
                settings.root().relativize(settings.dispatcherJar().toAbsolutePath()), port,
                settings.extraEnv().isEmpty() ? "" : " with " + settings.extraEnv());
        Path gcLog = workDir.resolve("logs/webhook-dispatcher-gc.log");
        List<String> jvm = new ArrayList<>(settings.dispatcherJvm());
        jvm.add(DispatcherMemory.gcLogOption(gcLog));
        dispatcher = DispatcherProcess.launch(settings.dispatcherJar(), jvm, env, port,
                workDir.resolve("logs/webhook-dispatcher.log"));
        dispatcher.awaitReady(Duration.ofMinutes(3));
        memory = new DispatcherMemory(dispatcher.handle().pid(), gcLog);

        endpointSecret = registerEndpoint(port, receiver.url());
        receiver.verifyWith(endpointSecret);

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-producer");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());

        db = DriverManager.getConnection(postgres.jdbcUrl("webhook"), postgres.user(), postgres.password());
        admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
        pgActivity = new PgActivitySampler(() -> {
            try {
                return DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, 20);
        cpu = new CpuMeter(dispatcher.handle().pid(), pgData);
    }

    private void applyPostgresSettings(Map<String, String> pg) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (Map.Entry<String, String> e : pg.entrySet()) {
                s.execute("alter system set " + e.getKey() + " = '" + e.getValue().replace("'", "''") + "'");
            }
            s.execute("select pg_reload_conf()");
        }
        out.println("PostgreSQL settings (reloaded; restart-only settings do not apply): " + pg);
    }

    private Connection connect() {
        try {
            return DriverManager.getConnection(postgres.jdbcUrl("webhook"), postgres.user(), postgres.password());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String registerEndpoint(int port, String url) throws IOException, InterruptedException {
        String body = EventCodec.mapper().writeValueAsString(Map.of("url", url, "eventTypes", List.of()));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/webhook-endpoints"))
                .header("Authorization", "Bearer " + PartnerTokens.issue(partnerId))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Registering the receiver answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode endpoint = EventCodec.mapper().readTree(response.body());
        out.printf("Registered %s for partner %s (endpoint %s)%n", url, partnerId, endpoint.path("id").asText());
        return endpoint.path("secret").asText();
    }

    // ---------------------------------------------------------------- phases

    private void warmUp() throws Exception {
        out.printf("%nWarm-up: %d events...%n", settings.warmup());
        List<String> ids = new ArrayList<>(settings.warmup());
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        Instant now = EventTime.now();
        for (int i = 0; i < settings.warmup(); i++) {
            records.add(event("warm", i, now, ids));
        }
        int baseline = receiver.distinct();
        long t0 = System.nanoTime();
        records.forEach(this::send);
        producer.flush();
        awaitArrivals("warm-up", ids, baseline, t0, false);
        awaitPersisted("bench-warm-%", ids.size(), t0);
        out.printf("Warm-up done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private Throughput throughputPhase() throws Exception {
        int n = settings.events();
        Ceilings ceilings = ceilings(n, 0);
        out.printf("%nThroughput: %d events produced as fast as the producer allows...%n", n);
        List<String> ids = new ArrayList<>(n);
        List<ProducerRecord<String, String>> records = new ArrayList<>(n);
        Instant now = EventTime.now();
        for (int i = 0; i < n; i++) {
            records.add(event("tp", i, now, ids)); // built beforehand: the clock measures the dispatcher, not us
        }
        int baseline = receiver.distinct();
        long duplicatesBefore = receiver.duplicates();
        long[] pgBefore = pgCounters();
        CpuMeter.Snapshot cpuBefore = cpu.snapshot();
        pgActivity.start();
        long t0 = System.nanoTime();
        long t0Wall = System.currentTimeMillis();
        records.forEach(this::send);
        producer.flush();
        double produced = (System.nanoTime() - t0) / 1e9;
        out.printf("  produced in %.2f s (%.0f events/s into Kafka)%n", produced, n / produced);
        awaitArrivals("throughput", ids, baseline, t0, true);
        CpuMeter.Snapshot cpuAfter = cpu.snapshot();
        String activity = pgActivity.stop();

        long last = 0;
        long missing = 0;
        List<Long> receiptNanos = new ArrayList<>(n);
        for (String id : ids) {
            FastReceiver.Receipt r = receiver.receipt(id);
            if (r == null) {
                missing++;
            } else {
                last = Math.max(last, r.nanos());
                receiptNanos.add(r.nanos() - t0);
            }
        }
        double seconds = (last - t0) / 1e9;
        long[] persisted = awaitPersisted("bench-tp-%", n, t0);
        double persistedSeconds = (persisted[2] - t0) / 1e9;
        long duplicates = receiver.duplicates() - duplicatesBefore;

        long[] attempts = queryLongs("""
                select count(*), count(*) filter (where a.status_code is null or a.status_code not between 200 and 299)
                  from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id
                  join webhook_message m on m.id = d.message_id where m.subject like ?""", "bench-tp-%");
        double ingested = queryDouble("select extract(epoch from max(received_at)) * 1000 from webhook_message where subject like ?",
                "bench-tp-%");
        double ingestedSeconds = (ingested - t0Wall) / 1e3;
        sleep(1_000); // sessions report their statistics at most every 500 ms
        long[] pgAfter = pgCounters();

        out.printf("  last receipt at %.2f s; all %d attempt rows committed by %.2f s; last event ingested at %.2f s%n",
                seconds, persisted[0], persistedSeconds, ingestedSeconds);
        out.println("  delivered/s   " + timeline(receiptNanos, seconds));
        out.println("  ingested/s    " + ingestTimeline(t0Wall, seconds));
        printStages("bench-tp-%");
        String cpuLine = CpuMeter.describe(cpuBefore, cpuAfter);
        out.println("  CPU           " + cpuLine);
        out.println("  dispatcher    " + CpuMeter.describeThreads(cpuBefore, cpuAfter, true, 6));
        out.println("  bench JVM     " + CpuMeter.describeThreads(cpuBefore, cpuAfter, false, 4));
        out.println("  PostgreSQL    " + CpuMeter.describePostgres(cpuBefore, cpuAfter, 4));
        out.println("  PG sessions   " + activity);
        out.println("  PG work       " + perEvent(pgBefore, pgAfter, n));
        return new Throughput(n, seconds, n / seconds, attempts[0], persisted[1], attempts[1], missing, duplicates,
                persistedSeconds, ingestedSeconds, cpuLine, activity, ceilings);
    }

    /**
     * The machine's limits for the same work, with plain clients while the dispatcher idles: {@code total}
     * signed POSTs and {@code total} Kafka records, as fast as they go ({@code rate} 0) or at {@code rate}/s.
     */
    private Ceilings ceilings(int total, int rate) {
        out.printf("%nCeiling (plain clients, the dispatcher idle): %d signed POSTs to the receiver (keep-alive, %d connections), "
                + "then %d records through Kafka, %s...%n", total, Ceiling.CONNECTIONS, total,
                rate == 0 ? "each as fast as it goes" : rate + "/s each");
        Ceilings ceilings = new Ceilings(ceiling.http(total, rate), ceiling.kafka(total, rate));
        out.println("  HTTP          " + ceilings.http().describe("requests", rate > 0)
                + (rate > 0 ? " (send -> response)" : " (first send -> last response)"));
        out.println("  Kafka         " + ceilings.kafka().describe("records", rate > 0)
                + (rate > 0 ? " (send -> consumed)" : " (first send -> last consumed)"));
        pause();
        return ceilings;
    }

    private Latency latencyPhase(int rate) throws Exception {
        int total = rate * settings.seconds();
        Ceilings ceilings = ceilings(rate * settings.ceilingSeconds(), rate);
        String phase = "lat" + rate;
        if (settings.latencyWarmupSeconds() > 0) {
            out.printf("%nLatency warm-up: %d events/s for %d s (not measured)...%n", rate, settings.latencyWarmupSeconds());
            List<String> warmIds = new ArrayList<>();
            int warmBaseline = receiver.distinct();
            long warmStart = paced("latwarm" + rate, rate, rate * settings.latencyWarmupSeconds(), warmIds)[0];
            awaitArrivals("latency warm-up", warmIds, warmBaseline, warmStart, false);
            awaitPersisted("bench-latwarm" + rate + "-%", warmIds.size(), warmStart);
            pause();
        }
        out.printf("%nLatency: %d events/s for %d s (%d events), each stamped with its send time...%n", rate,
                settings.seconds(), total);
        List<String> ids = new ArrayList<>(total);
        int baseline = receiver.distinct();
        long duplicatesBefore = receiver.duplicates();
        CpuMeter.Snapshot cpuBefore = cpu.snapshot();
        pgActivity.start();
        long[] sent = paced(phase, rate, total, ids);
        long start = sent[0];
        double actual = (sent[1] - start) / 1e9;
        double maxLag = sent[2] / 1e6;
        out.printf("  offered %d events in %.2f s (max send lag %.1f ms)%n", total, actual, maxLag);
        awaitArrivals("latency", ids, baseline, start, false);
        CpuMeter.Snapshot cpuAfter = cpu.snapshot();
        String activity = pgActivity.stop();

        long[] latencies = new long[ids.size()];
        int count = 0;
        long missing = 0;
        int width = Math.max(1, (int) Math.ceil(settings.seconds() / 30.0));
        long[] worstPerSecond = new long[settings.seconds() / width + 1];
        for (int i = 0; i < ids.size(); i++) {
            FastReceiver.Receipt r = receiver.receipt(ids.get(i));
            if (r == null || r.time() == null) {
                missing++;
                continue;
            }
            long latency = r.wallMillis() - EventTime.parse(r.time()).toEpochMilli();
            latencies[count++] = latency;
            int second = Math.min(worstPerSecond.length - 1, i / rate / width); // when it was sent
            worstPerSecond[second] = Math.max(worstPerSecond[second], latency);
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        awaitPersisted("bench-" + phase + "-%", total, start);
        out.printf("  event time -> receipt: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99), sorted.length == 0 ? -1 : sorted[sorted.length - 1]);
        StringBuilder worst = new StringBuilder();
        for (int second = 0; second < (settings.seconds() + width - 1) / width; second++) {
            worst.append(String.format(Locale.ROOT, " %4d", worstPerSecond[second]));
        }
        out.println("  worst ms      " + worst + "   (worst latency of the events sent in each "
                + (width == 1 ? "second)" : width + " s)"));
        printStages("bench-" + phase + "-%");
        String cpuLine = CpuMeter.describe(cpuBefore, cpuAfter);
        out.println("  CPU           " + cpuLine);
        out.println("  dispatcher    " + CpuMeter.describeThreads(cpuBefore, cpuAfter, true, 6));
        out.println("  bench JVM     " + CpuMeter.describeThreads(cpuBefore, cpuAfter, false, 4));
        out.println("  PostgreSQL    " + CpuMeter.describePostgres(cpuBefore, cpuAfter, 4));
        out.println("  PG sessions   " + activity);
        return new Latency(rate, settings.seconds(), total, sorted, actual, maxLag, missing,
                receiver.duplicates() - duplicatesBefore, cpuLine, activity, ceilings);
    }

    /**
     * Sends {@code total} events at {@code rate}/s on a nanosecond schedule (event i is due at start + i/rate;
     * a late send is not skipped), each stamped with its send time. Returns {start, end, max lag} in nanos.
     */
    private long[] paced(String phase, int rate, int total, List<String> ids) {
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000;
        long maxLag = 0;
        for (int i = 0; i < total; i++) {
            long target = start + i * period;
            long wait;
            while ((wait = target - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            send(event(phase, i, EventTime.now(), ids));
            maxLag = Math.max(maxLag, System.nanoTime() - target);
            if (closing) {
                throw new IllegalStateException("stopped");
            }
        }
        long end = System.nanoTime();
        producer.flush();
        return new long[]{start, end, maxLag};
    }

    private int summary(Throughput t, List<Latency> latencies) {
        boolean checksHold = t.missing() == 0 && t.attemptRows() == t.events() && t.succeeded() == t.events()
                && t.nonSuccessAttempts() == 0 && latencies.stream().allMatch(l -> l.missing() == 0)
                && receiver.sampleFailures() == 0 && receiver.sampled() > 0 && sendErrors.get() == 0;
        out.println();
        out.printf("=== webhook-dispatcher benchmark (%d cores, embedded Kafka + PostgreSQL, one JVM each) ===%n",
                Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "sustained: %d signed deliveries in %.1f s = %.0f deliveries/s (attempt rows %d, "
                        + "SUCCEEDED deliveries %d, duplicates %d, missing %d)%n",
                t.events(), t.seconds(), t.perSecond(), t.attemptRows(), t.succeeded(), t.duplicates(), t.missing());
        for (Latency l : latencies) {
            long[] s = l.sortedMillis();
            out.printf(Locale.ROOT, "latency @ %d events/s for %d s (%d events): p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                    l.rate(), l.seconds(), s.length, pct(s, 0.50), pct(s, 0.95), pct(s, 0.99), s.length == 0 ? -1 : s[s.length - 1]);
        }
        printTargets(t, latencies);
        out.println("dispatcher memory, start -> end: " + DispatcherMemory.compare(memoryAtStart, memory.sample()));
        return checks(checksHold);
    }

    /** Each figure beside the machine's ceiling for the same work (Ponte's figure in % of it) and its target. */
    private void printTargets(Throughput t, List<Latency> latencies) {
        out.println();
        row("", "Ponte", "ceiling (plain clients, same run)", "Ponte/ceiling", "target", "");
        Ceilings c = t.ceiling();
        boolean met = t.perSecond() >= TARGET_DELIVERIES_PER_SECOND;
        row("sustained deliveries/s", String.format(Locale.ROOT, "%,.0f", t.perSecond()),
                String.format(Locale.ROOT, "HTTP %,.0f requests/s", c.http().perSecond()),
                percent(t.perSecond() / c.http().perSecond()),
                String.format(Locale.ROOT, ">= %,.0f", TARGET_DELIVERIES_PER_SECOND), met ? "MET" : "MISSED");
        row("", "", String.format(Locale.ROOT, "Kafka %,.0f records/s", c.kafka().perSecond()),
                percent(t.perSecond() / c.kafka().perSecond()), "", "");
        for (Latency l : latencies) {
            long p99 = pct(l.sortedMillis(), 0.99);
            Ceilings lc = l.ceiling();
            double floor = lc.kafka().p99Millis() + lc.http().p99Millis();
            row("p99 event -> receipt @ " + l.rate() + "/s", p99 + " ms",
                    String.format(Locale.ROOT, "Kafka %.1f + HTTP %.1f = %.1f ms", lc.kafka().p99Millis(),
                            lc.http().p99Millis(), floor),
                    percent(p99 / floor), String.format(Locale.ROOT, "< %.0f ms", TARGET_P99_MILLIS),
                    p99 >= 0 && p99 < TARGET_P99_MILLIS ? "MET" : "MISSED");
        }
        out.println();
    }

    private void row(String figure, String ponte, String limit, String share, String target, String verdict) {
        out.println(String.format("%-30s %-8s %-36s %-14s %-10s %s", figure, ponte, limit, share, target, verdict)
                .stripTrailing());
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * fraction);
    }

    private int soakSummary(SoakMonitor monitor, int sent, double allArrivedSeconds, int delivered, long duplicates,
                            long[] liveHeap) throws SQLException {
        long[] persisted = awaitPersisted("bench-soak-%", sent, System.nanoTime());
        long nonSuccess = queryLongs("""
                select count(*) from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id
                  join webhook_message m on m.id = d.message_id
                 where m.subject like ? and (a.status_code is null or a.status_code not between 200 and 299)""",
                "bench-soak-%")[0];
        boolean checksHold = delivered == sent && duplicates == 0 && persisted[0] == sent && persisted[1] == sent
                && nonSuccess == 0 && receiver.sampleFailures() == 0 && receiver.sampled() > 0 && sendErrors.get() == 0;
        long[] s = monitor.allLatencies();
        out.println();
        out.printf("=== webhook-dispatcher soak (%d cores, embedded Kafka + PostgreSQL, one JVM each) ===%n",
                Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "offered %d events/s for %d s (%d events); all arrived %.1f s after the first send: "
                        + "%.0f deliveries/s over the whole soak%n",
                settings.soakRate(), settings.soakSeconds(), sent, allArrivedSeconds, delivered / allArrivedSeconds);
        out.printf(Locale.ROOT, "delivered %d, missing %d, duplicates %d; attempt rows %d, SUCCEEDED deliveries %d, "
                        + "non-2xx attempts %d%n", delivered, sent - delivered, duplicates, persisted[0], persisted[1], nonSuccess);
        out.printf(Locale.ROOT, "latency over the whole soak: p50 %d ms, p99 %d ms, max %d ms (target p99 < %.0f ms)%n",
                pct(s, 0.50), pct(s, 0.99), s.length == 0 ? -1 : s[s.length - 1], TARGET_P99_MILLIS);
        out.println("dispatcher memory, start -> end: " + DispatcherMemory.compare(memoryAtStart, memory.sample()));
        out.printf("dispatcher live heap (after a full GC): %s before the soak, %s at the end of the sending, %s drained%n",
                DispatcherMemory.mib(liveHeap[0]), DispatcherMemory.mib(liveHeap[1]), DispatcherMemory.mib(liveHeap[2]));
        out.println(monitor.verdict(settings.soakSeconds()));
        return checks(checksHold);
    }

    /** The sampled signatures and producer errors, the line that says whether every check held; the exit code. */
    private int checks(boolean checksHold) {
        out.printf("signature checks: %d sampled, %d failed%s%n", receiver.sampled(), receiver.sampleFailures(),
                receiver.firstFailure() == null ? "" : " (first: " + receiver.firstFailure() + ")");
        if (sendErrors.get() > 0) {
            out.printf("producer errors: %d (first: %s)%n", sendErrors.get(), firstSendError.get());
        }
        out.println("checks (every event delivered once, one SUCCEEDED delivery and one 2xx attempt row each, signatures valid): "
                + (checksHold ? "OK" : "FAILED"));
        failed = !checksHold;
        return checksHold ? 0 : 2;
    }

    // ---------------------------------------------------------------- helpers

    private ProducerRecord<String, String> event(String phase, int i, Instant time, List<String> ids) {
        EventEnvelope envelope = envelope(phase, i, time);
        ids.add(envelope.id());
        return new ProducerRecord<>(TOPIC, envelope.subject(), EventCodec.encode(envelope));
    }

    /** The i-th ConsentCreated of a phase, at {@code time}; its subject is one of {@code bench.subjects} of the phase. */
    private EventEnvelope envelope(String phase, int i, Instant time) {
        String subject = String.format(Locale.ROOT, "bench-%s-%05d", phase, i % settings.subjects());
        long sequence = i / settings.subjects() + 1;
        return EventEnvelope.create(
                new ConsentCreated(subject, "sandbox-bank", null, "AWAITING_AUTHORISATION", time.plusSeconds(300), PAYMENT),
                "consent-service", subject, partnerId, time, sequence);
    }

    private void send(ProducerRecord<String, String> record) {
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                sendErrors.incrementAndGet();
                firstSendError.compareAndSet(null, error);
            }
        });
    }

    /** Waits until every id arrived; fails when nothing new arrives for {@code bench.stallSeconds}. */
    private void awaitArrivals(String phase, List<String> ids, int baseline, long t0, boolean progress) {
        int expected = ids.size();
        int last = -1;
        long lastProgress = System.nanoTime();
        long nextPrint = t0 + 5_000_000_000L;
        int printedAt = 0;
        while (true) {
            int got = receiver.distinct() - baseline;
            long now = System.nanoTime();
            if (got >= expected) {
                return;
            }
            if (got != last) {
                last = got;
                lastProgress = now;
            }
            if (!dispatcher.isAlive()) {
                throw new IllegalStateException("the webhook-dispatcher died during the " + phase + " phase; see " + dispatcher.log());
            }
            if (sendErrors.get() > 0) {
                throw new IllegalStateException("the producer failed: " + firstSendError.get());
            }
            if (now - lastProgress > settings.stall().toNanos()) {
                throw new IllegalStateException(phase + ": " + got + " of " + expected + " events arrived and nothing new for "
                        + settings.stall().toSeconds() + " s; see " + dispatcher.log());
            }
            if (closing) {
                throw new IllegalStateException("stopped");
            }
            if (progress && now >= nextPrint) {
                out.printf("  %5.1f s: %6d of %d delivered (%.0f/s over the last 5 s)%n", (now - t0) / 1e9, got, expected,
                        (got - printedAt) / 5.0);
                printedAt = got;
                nextPrint += 5_000_000_000L;
            }
            sleep(10);
        }
    }

    /**
     * Waits until {@code expected} attempt rows and SUCCEEDED deliveries exist for the phase's subjects;
     * returns {attempt rows, succeeded, nanoTime when seen}.
     */
    private long[] awaitPersisted(String subjects, long expected, long t0) throws SQLException {
        long deadline = System.nanoTime() + settings.stall().toNanos();
        while (true) {
            long attempts = queryLongs("""
                    select count(*) from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id
                      join webhook_message m on m.id = d.message_id where m.subject like ?""", subjects)[0];
            long succeeded = queryLongs("""
                    select count(*) from webhook_delivery d join webhook_message m on m.id = d.message_id
                     where m.subject like ? and d.status = 'SUCCEEDED'""", subjects)[0];
            long now = System.nanoTime();
            if ((attempts >= expected && succeeded >= expected) || now > deadline) {
                if (attempts < expected || succeeded < expected) {
                    out.printf("  after %.1f s only %d attempt rows and %d SUCCEEDED deliveries of %d%n", (now - t0) / 1e9,
                            attempts, succeeded, expected);
                }
                return new long[]{attempts, succeeded, now};
            }
            sleep(50);
        }
    }

    /** Deliveries per second, bucketed so that the line stays short. */
    private static String timeline(List<Long> offsetsNanos, double seconds) {
        int width = Math.max(1, (int) Math.ceil(seconds / 30));
        int buckets = (int) (seconds / width) + 1;
        long[] counts = new long[buckets];
        for (long offset : offsetsNanos) {
            int b = (int) Math.min(buckets - 1, offset / 1_000_000_000L / width);
            counts[b]++;
        }
        return render(counts, width);
    }

    private String ingestTimeline(long t0Wall, double seconds) throws SQLException {
        int width = Math.max(1, (int) Math.ceil(seconds / 30));
        int buckets = (int) (seconds / width) + 1;
        long[] counts = new long[buckets];
        try (PreparedStatement ps = db.prepareStatement("""
                select floor((extract(epoch from received_at) * 1000 - ?) / 1000)::int, count(*)
                  from webhook_message where subject like ? group by 1 order by 1""")) {
            ps.setLong(1, t0Wall);
            ps.setString(2, "bench-tp-%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int b = Math.max(0, Math.min(buckets - 1, rs.getInt(1) / width));
                    counts[b] += rs.getLong(2);
                }
            }
        }
        return render(counts, width);
    }

    private static String render(long[] counts, int width) {
        StringBuilder line = new StringBuilder();
        for (long c : counts) {
            line.append(String.format(Locale.ROOT, " %4d", c / width));
        }
        return line + (width > 1 ? "   (per second, averaged over " + width + " s buckets)" : "   (each second from the first send)");
    }

    /**
     * Where the time goes, per delivery of the phase, from the dispatcher's own timestamps:
     * event time -> message row received_at (Kafka, consumer, ingest start), received_at -> first
     * attempt's attempted_at (ingest commit, wake-up, claim), attempted_at -> receipt (sign, HTTP).
     */
    private void printStages(String subjects) throws SQLException {
        List<long[]> rows = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("""
                select m.id, extract(epoch from m.event_time) * 1000, extract(epoch from m.received_at) * 1000,
                       extract(epoch from min(a.attempted_at)) * 1000
                  from webhook_message m join webhook_delivery d on d.message_id = m.id
                  join webhook_attempt a on a.delivery_id = d.id
                 where m.subject like ? group by m.id, m.event_time, m.received_at""")) {
            ps.setString(1, subjects);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    FastReceiver.Receipt r = receiver.receipt(rs.getString(1));
                    if (r == null) {
                        continue;
                    }
                    double event = rs.getDouble(2);
                    double received = rs.getDouble(3);
                    double attempted = rs.getDouble(4);
                    rows.add(new long[]{Math.round(received - event), Math.round(attempted - received),
                            Math.round(r.wallMillis() - attempted)});
                }
            }
        }
        String[] names = {"event->ingest", "ingest->attempt", "attempt->receipt"};
        StringBuilder line = new StringBuilder();
        for (int stage = 0; stage < names.length; stage++) {
            long[] values = new long[rows.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rows.get(i)[stage];
            }
            Arrays.sort(values);
            if (stage > 0) {
                line.append("; ");
            }
            line.append(String.format(Locale.ROOT, "%s p50 %d / p99 %d / max %d ms", names[stage], pct(values, 0.5),
                    pct(values, 0.99), values.length == 0 ? -1 : values[values.length - 1]));
        }
        out.println("  stages        " + line);
    }

    private long[] queryLongs(String sql, String parameter) throws SQLException {
        ownWebhookQueries++;
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long[] values = new long[rs.getMetaData().getColumnCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rs.getLong(i + 1);
                }
                return values;
            }
        }
    }

    private double queryDouble(String sql, String parameter) throws SQLException {
        ownWebhookQueries++;
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    /** Rows inserted into webhook_message so far, from its statistics (cheap; reported at most every 500 ms). */
    private static long messagesInserted(Connection connection) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "select n_tup_ins from pg_stat_user_tables where relname = 'webhook_message'")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Database webhook's counters: commits + rollbacks (minus our own queries), rows inserted, updated, fetched. */
    private long[] pgCounters() throws SQLException {
        try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(
                "select xact_commit + xact_rollback, tup_inserted, tup_updated, tup_fetched"
                        + " from pg_stat_database where datname = 'webhook'")) {
            rs.next();
            return new long[]{rs.getLong(1) - ownWebhookQueries, rs.getLong(2), rs.getLong(3), rs.getLong(4)};
        }
    }

    /** e.g. "3.1 transactions, 4.0 rows inserted, 2.0 updated, ... per event" */
    private static String perEvent(long[] before, long[] after, int events) {
        return String.format(Locale.ROOT, "%.1f transactions, %.1f rows inserted, %.1f updated, %.1f fetched per event "
                        + "(pg_stat_database of webhook; approximate: idle sessions report late)",
                (after[0] - before[0]) / (double) events, (after[1] - before[1]) / (double) events,
                (after[2] - before[2]) / (double) events, (after[3] - before[3]) / (double) events);
    }

    /** Nearest-rank percentile of sorted values; -1 when there are none. */
    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private void pause() {
        sleep(2_000);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void printDispatcherLogTail() {
        if (dispatcher == null || !Files.exists(dispatcher.log())) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(dispatcher.log());
            System.err.println("--- last lines of " + dispatcher.log() + " ---");
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.err::println);
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Stops everything, in reverse order; idempotent, also called from the Ctrl-C hook. */
    @Override
    public void close() {
        closing = true;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            quietly(() -> pgActivity.close(), pgActivity);
            quietly(() -> ceiling.close(), ceiling);
            quietly(() -> producer.close(Duration.ofSeconds(5)), producer);
            quietly(() -> db.close(), db);
            quietly(() -> admin.close(), admin);
            quietly(() -> dispatcher.close(), dispatcher);
            quietly(() -> receiver.close(), receiver);
            quietly(() -> kafka.close(), kafka);
            quietly(() -> postgres.close(), postgres);
            if (workDir != null) {
                if (settings.keep() || failed) {
                    out.println("Kept Kafka's and PostgreSQL's data and the dispatcher log in " + workDir);
                } else {
                    Dirs.deleteQuietly(workDir.resolve("kafka"));
                    Dirs.deleteQuietly(workDir.resolve("postgres"));
                    out.println("Dispatcher log kept in " + workDir.resolve("logs"));
                }
            }
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void quietly(Action action, Object target) {
        if (target == null) {
            return;
        }
        try {
            action.run();
        } catch (Exception e) {
            System.err.println("While stopping " + target.getClass().getSimpleName() + ": " + e);
        }
    }
}
