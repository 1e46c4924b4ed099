package br.com.ponte.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) running inside this JVM.
 * <p>
 * The log directory is formatted on first use and reused afterwards, so topics and records survive a
 * {@link #close()} / {@link #start(Path, int)} cycle on the same directory.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server; // null when attached to a broker owned by someone else
    private final Path dataDir;
    private final int port;
    private final String bootstrapServers;
    private Admin admin;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, int port) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
        this.bootstrapServers = "localhost:" + port;
    }

    /**
     * Starts a broker on {@code localhost:port} storing its data in {@code dataDir} (created if needed, kept
     * between runs).
     *
     * @param port the PLAINTEXT port, 0 to pick a free one
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0) {
            throw new IllegalArgumentException("port must be >= 0: " + port);
        }
        InfraLogging.quiet();
        Path dir = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create Kafka data dir " + dir, e);
        }
        // a port picked by us may be grabbed by someone else before the broker binds it: retry then
        int attempts = port == 0 ? 3 : 1;
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            int brokerPort = port == 0 ? Ports.freePort() : port;
            int controllerPort = Ports.freePort();
            while (controllerPort == brokerPort) {
                controllerPort = Ports.freePort();
            }
            KafkaConfig config = KafkaConfig.fromProps(brokerProperties(dir, brokerPort, controllerPort), false);
            formatIfNeeded(dir);
            long begin = System.nanoTime();
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup();
                LOG.info("Kafka broker started on localhost:{} (controller {}) in {} ms, data in {}",
                        brokerPort, controllerPort, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), dir);
                return new EmbeddedKafka(server, dir, brokerPort);
            } catch (RuntimeException e) {
                failure = e;
                LOG.warn("Kafka broker failed to start on port {} (attempt {}/{})", brokerPort, attempt, attempts, e);
                shutdownQuietly(server);
            }
        }
        throw new IllegalStateException("Could not start embedded Kafka in " + dir, failure);
    }

    /**
     * Runs a broker as a process of its own, so that it can be killed like one: {@code <data dir> <port>}.
     * It says {@code started} on standard output once it serves, stops gracefully on SIGTERM and
     * when its standard input ends (the process that started it is gone).
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: EmbeddedKafka <data dir> <port>");
            System.exit(2);
        }
        EmbeddedKafka broker = start(Path.of(args[0]), Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-shutdown"));
        System.out.println("started on " + broker.bootstrapServers());
        System.out.flush();
        while (System.in.read() >= 0) {
            // nothing is read from the parent; its end of the pipe closing means it is gone
        }
        System.exit(0);
    }

    /** A handle on a broker started elsewhere (another process or class loader); {@link #close()} leaves it running. */
    public static EmbeddedKafka attach(String bootstrapServers) {
        int colon = bootstrapServers.lastIndexOf(':');
        int port = Integer.parseInt(bootstrapServers.substring(colon + 1).trim());
        return new EmbeddedKafka(null, null, port);
    }

    static Properties brokerProperties(Path dataDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + brokerPort + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.toString());

        p.put("num.partitions", "3");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("delete.topic.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");

        // small footprint: this runs on developer laptops and inside every service's test JVM
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("num.replica.fetchers", "1");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("log.index.size.max.bytes", String.valueOf(1024 * 1024));
        p.put("controlled.shutdown.enable", "true");
        p.put("controller.quorum.election.timeout.ms", "1000");
        // On restart the controller keeps the previous broker incarnation's session alive for
        // broker.session.timeout.ms (default 9 s) and rejects the new registration with
        // DUPLICATE_BROKER_REGISTRATION until then: keep that window short.
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("broker.session.timeout.ms", "3000");
        return p;
    }

    /**
     * Formats the KRaft storage unless {@code meta.properties} already exists (restart on kept data). Uses
     * {@link Formatter} (what {@code kafka-storage.sh format} runs in Kafka 4.0) directly, because
     * {@code StorageTool.main} calls {@code Exit.exit}.
     */
    private static void formatIfNeeded(Path dir) {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dir.toString())
                    .addDirectory(dir.toString())
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + dir + ": " + out.toString(StandardCharsets.UTF_8), e);
        }
        LOG.debug("Formatted Kafka storage: {}", out.toString(StandardCharsets.UTF_8).trim());
    }

    /** {@code localhost:<port>} */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The PLAINTEXT port of the broker. */
    public int port() {
        return port;
    }

    /** The log directory, or null for a broker this handle does not own. */
    Path dataDir() {
        return dataDir;
    }

    /**
     * Creates the topics that do not exist yet (replication factor 1) and waits until every one of them has a
     * leader for all its partitions. Topics that already exist are left as they are.
     */
    public void createTopics(int partitions, String... names) {
        createTopics(admin(), partitions, names);
    }

    /** {@link #createTopics(int, String...)} on any broker (Testcontainers' too) through its admin client. */
    public static void createTopics(Admin client, int partitions, String... names) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
        }
        Set<String> topics = new LinkedHashSet<>(Arrays.asList(names));
        if (topics.isEmpty()) {
            return;
        }
        List<NewTopic> newTopics = new ArrayList<>();
        for (String name : topics) {
            newTopics.add(new NewTopic(name, partitions, (short) 1));
        }
        CreateTopicsResult result = client.createTopics(newTopics);
        for (Map.Entry<String, KafkaFuture<Void>> entry : result.values().entrySet()) {
            try {
                entry.getValue().get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Could not create topic " + entry.getKey(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating topics " + topics, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Timed out creating topic " + entry.getKey(), e);
            }
        }
        awaitTopicsReady(client, topics);
    }

    private static void awaitTopicsReady(Admin client, Set<String> topics) {
        long deadline = System.nanoTime() + TOPIC_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> descriptions =
                        client.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
                boolean ready = descriptions.size() == topics.size();
                for (TopicDescription description : descriptions.values()) {
                    for (TopicPartitionInfo partition : description.partitions()) {
                        if (partition.leader() == null || partition.leader().isEmpty()) {
                            ready = false;
                        }
                    }
                }
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    last = e;
                }
            } catch (TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for topics " + topics, e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for topics " + topics, e);
            }
        }
        throw new IllegalStateException("Topics " + topics + " not ready after " + TOPIC_TIMEOUT, last);
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("EmbeddedKafka on " + bootstrapServers + " is closed");
        }
        if (admin == null) {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ponte-embedded-infra-admin");
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
            admin = Admin.create(props);
        }
        return admin;
    }

    /** Stops the broker (controlled shutdown) and waits until it is down. The data directory is kept. */
    @Override
    public void close() {
        Admin toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = admin;
            admin = null;
        }
        if (toClose != null) {
            try {
                toClose.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("Error closing admin client", e);
            }
        }
        if (server != null) {
            long begin = System.nanoTime();
            shutdownQuietly(server);
            LOG.info("Kafka broker on {} stopped in {} ms", bootstrapServers,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
        }
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Error while shutting down the embedded Kafka broker", e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers + (dataDir != null ? ", " + dataDir : ", attached") + "]";
    }
}
