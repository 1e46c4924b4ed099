package br.com.ponte.devstack;

import br.com.ponte.infra.Dirs;
import br.com.ponte.infra.EmbeddedPostgresServer;
import br.com.ponte.pki.CertificateAuthority;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./ponte up}: the whole platform on one machine, on embedded defaults. Real PostgreSQL and a
 * real Kafka broker run as processes of their own, as does each service (a JVM from its packaged
 * {@code target/quarkus-app}, configured by environment variables exactly as on Kubernetes), so
 * any part can be killed as a crash would.
 */
public final class Devstack implements AutoCloseable {

    static final List<String> DATABASES = List.of("vault", "consent", "payment", "collection", "webhook");
    static final List<String> TOPICS = List.of("consent.events", "payment.events", "sharing.events",
            "collection.events", "certificate.events", "webhook.events", "webhook.dead-letters", "audit.events");
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final Path root;
    private final Path dataDir;
    private final StackPorts ports;
    private final PrintStream out;
    private final List<ServiceProcess> services = new ArrayList<>();
    private EmbeddedPostgresServer postgres;
    private KafkaProcess kafka;
    private DemoReceiver receiver;
    private StackSecrets secrets;
    private final Map<String, Map<String, String>> overrides = new HashMap<>();
    private final Map<String, Integer> replicas = new HashMap<>();
    private final Map<String, List<ServiceProcess>> instances = new HashMap<>();
    private final Map<String, Map<String, String>> environments = new HashMap<>();
    private final Map<String, List<String>> jvmOptions = new HashMap<>();
    private Path logs;
    private final List<Balancer> balancers = new ArrayList<>();

    public Devstack(Path root, Path dataDir, StackPorts ports, PrintStream out) {
        this.root = root.toAbsolutePath().normalize();
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.ports = ports;
        this.out = out;
    }

    /**
     * Environment variables for one service on top of the stack's own (call before {@link #start()}),
     * e.g. short consent windows for a test.
     */
    public Devstack withEnvironment(String module, Map<String, String> environment) {
        overrides.computeIfAbsent(module, m -> new HashMap<>()).putAll(environment);
        return this;
    }

    /**
     * JVM options for one service instead of the default ones ({@code -XX:+UseSerialGC
     * -XX:TieredStopAtLevel=1 -Xmx384m}: quick to start, small); call before {@link #start()}. A benchmark
     * runs the full JIT, as the services run on Kubernetes.
     */
    public Devstack withJvmOptions(String module, List<String> options) {
        jvmOptions.put(module, List.copyOf(options));
        return this;
    }

    /**
     * Runs {@code count} instances of a service (call before {@link #start()}), as a Deployment with
     * that many replicas: each instance on a port of its own, and the service's port served by a
     * {@link Balancer} that spreads connections over them, so every caller (partners, users coming
     * back from the bank, the other services) reaches whichever instance is up.
     */
    public Devstack withReplicas(String module, int count) {
        replicas.put(module, count);
        return this;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("ponte.root", "."));
        Path dataDir = root.resolve(".ponte");
        boolean clean = false;
        for (String arg : args) {
            switch (arg) {
                case "--clean" -> clean = true;
                case "-h", "--help" -> {
                    System.out.println("Usage: ./ponte up [--clean]   (--clean wipes the local data under .ponte/)");
                    return;
                }
                default -> {
                    System.err.println("Unknown option " + arg + ". Usage: ./ponte up [--clean]");
                    System.exit(2);
                }
            }
        }
        Devstack stack = new Devstack(root, dataDir, StackPorts.defaults(), System.out);
        List<String> busy = stack.busyPorts();
        if (!busy.isEmpty()) {
            System.err.println("Cannot start Ponte: " + String.join("; ", busy) + ".");
            System.err.println("Stop whatever listens there (`ss -ltnp` shows it), or stop the other ./ponte up.");
            System.exit(1);
        }
        if (clean) {
            stack.wipeData();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Ponte...");
            stack.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "ponte-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("Ponte did not start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        stack.printWelcome();
        stopped.await();
    }

    /** Ports already taken, described for the user; empty when all are free. */
    public List<String> busyPorts() {
        List<String> busy = new ArrayList<>();
        ports.named().forEach((what, port) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true); // lingering TIME_WAIT connections are not a listener
                socket.bind(new InetSocketAddress("0.0.0.0", port));
            } catch (IOException e) {
                busy.add("port " + port + " (" + what + ") is already in use");
            }
        });
        return busy;
    }

    public void wipeData() {
        if (!Files.exists(dataDir)) {
            return;
        }
        Dirs.deleteQuietly(dataDir);
        out.println("Wiped " + dataDir);
    }

    public void start() {
        long started = System.nanoTime();
        secrets = StackSecrets.loadOrCreate(dataDir.resolve("secrets.properties"));
        out.println("Starting PostgreSQL on " + ports.postgres() + " and Kafka on " + ports.kafka() + " (data in " + dataDir + ")");
        logs = dataDir.resolve("logs");
        // the broker's JVM starts while PostgreSQL does
        java.util.concurrent.CompletableFuture<KafkaProcess> broker = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> KafkaProcess.start(dataDir.resolve("kafka"), ports.kafka(), logs));
        postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), ports.postgres());
        DATABASES.forEach(postgres::createDatabase);
        kafka = broker.join();
        List<String> topics = new ArrayList<>();
        TOPICS.forEach(t -> {
            topics.add(t);
            topics.add(t + ".dlq");
        });
        kafka.createTopics(3, topics.toArray(String[]::new));
        receiver = new DemoReceiver(ports.demoReceiver(), out);
        Path pki = developmentPki();

        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        common.put("PONTE_DB_HOST", "localhost");
        common.put("PONTE_DB_PORT", Integer.toString(postgres.port()));
        common.put("PONTE_DB_USER", postgres.user());
        common.put("PONTE_DB_PASSWORD", postgres.password());
        common.put("PONTE_VAULT_URL", "http://localhost:" + ports.vault());
        // the services run their prod profile here; logs stay text for people reading them (JSON on a cluster)
        common.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");

        Map<String, String> vault = new HashMap<>(common);
        vault.put("PONTE_VAULT_ADMIN_TOKEN", secrets.adminToken());
        vault.put("PONTE_VAULT_MASTER_KEY", secrets.vaultMasterKey());
        // partner certificates and sandbox-bank's TLS certificate both come from the development CA
        vault.put("PONTE_VAULT_TRUST_ANCHORS", pki.resolve("ca-root.pem").toString());
        vault.put("PONTE_VAULT_TRANSMITTER_TRUST_ANCHORS", pki.resolve("ca-root.pem").toString());
        vault.put("PONTE_VAULT_DIRECTORY_PARTICIPANTS_URL", "http://localhost:" + ports.sandbox() + "/participants");
        vault.put("PONTE_VAULT_DIRECTORY_API_URL", "http://localhost:" + ports.sandbox() + "/directory");
        vault.put("PONTE_VAULT_WEBHOOK_URIS", "http://localhost:" + ports.payment());
        vault.put("PONTE_INTERNAL_CLIENTS", String.join(",", secrets.serviceSecrets().entrySet().stream()
                .map(e -> e.getKey() + ":" + StackSecrets.hash(e.getValue())).sorted().toList()));
        // consent-service talks to the banks: the directory, the development CA, the partner's keys
        // through the vault as itself, users back to it, payment-service and collection-service allowed on its /internal
        Map<String, String> consent = new HashMap<>(common);
        consent.put("PONTE_FAPI_TRUST_ANCHORS", pki.resolve("ca-root.pem").toString());
        consent.put("PONTE_FAPI_PARTICIPANTS_URL", "http://localhost:" + ports.sandbox() + "/participants");
        consent.put("PONTE_VAULT_SERVICE_SECRET", secrets.serviceSecrets().get("consent-service"));
        consent.put("PONTE_CONSENT_PUBLIC_URL", "http://localhost:" + ports.consent());
        consent.put("PONTE_CONSENT_MASTER_KEY", secrets.consentMasterKey());
        consent.put("PONTE_INTERNAL_CLIENTS", String.join(",",
                "payment-service:" + StackSecrets.hash(secrets.serviceSecrets().get("payment-service")),
                "collection-service:" + StackSecrets.hash(secrets.serviceSecrets().get("collection-service"))));
        // payment-service pays on authorised consents (from consent-service) at the banks
        Map<String, String> payment = new HashMap<>(common);
        payment.put("PONTE_FAPI_TRUST_ANCHORS", pki.resolve("ca-root.pem").toString());
        payment.put("PONTE_FAPI_PARTICIPANTS_URL", "http://localhost:" + ports.sandbox() + "/participants");
        payment.put("PONTE_VAULT_SERVICE_SECRET", secrets.serviceSecrets().get("payment-service"));
        payment.put("PONTE_PAYMENT_CONSENT_URL", "http://localhost:" + ports.consent());
        // collection-service reads shared data at the banks: the directory, the development CA, the partner's keys
        // through the vault as itself, the users' tokens from consent-service's grant API (as itself too)
        Map<String, String> collection = new HashMap<>(common);
        collection.put("PONTE_FAPI_TRUST_ANCHORS", pki.resolve("ca-root.pem").toString());
        collection.put("PONTE_FAPI_PARTICIPANTS_URL", "http://localhost:" + ports.sandbox() + "/participants");
        collection.put("PONTE_VAULT_SERVICE_SECRET", secrets.serviceSecrets().get("collection-service"));
        collection.put("PONTE_CONSENT_SERVICE_URL", "http://localhost:" + ports.consent());
        Map<String, String> webhook = new HashMap<>(common);
        webhook.put("PONTE_WEBHOOK_MASTER_KEY", secrets.webhookMasterKey());
        // A local stack delivers to local receivers: allow loopback and plain http here only.
        webhook.put("PONTE_WEBHOOK_ALLOWED_PRIVATE_NETWORKS", "127.0.0.0/8");
        webhook.put("PONTE_WEBHOOK_REQUIRE_HTTPS", "false");
        Map<String, String> sandbox = new HashMap<>();
        sandbox.put("SANDBOX_BASE_URL", "https://localhost:" + ports.sandboxTls());
        sandbox.put("SANDBOX_DIRECTORY_URL", "http://localhost:" + ports.sandbox());
        sandbox.put("QUARKUS_HTTP_SSL_PORT", Integer.toString(ports.sandboxTls()));
        sandbox.put("SANDBOX_PKI_DIR", pki.toString());
        sandbox.put("SANDBOX_DATA_DIR", dataDir.resolve("sandbox").toString());

        out.println("Starting the services (logs in " + logs + ")");
        launch("certificate-vault", ports.vault(), vault, logs);
        launch("consent-service", ports.consent(), consent, logs);
        launch("payment-service", ports.payment(), payment, logs);
        launch("collection-service", ports.collection(), collection, logs);
        launch("webhook-dispatcher", ports.webhook(), webhook, logs);
        launch("sandbox-bank", ports.sandbox(), sandbox, logs);

        long deadline = started + READY_TIMEOUT.toNanos();
        for (ServiceProcess service : services) {
            service.awaitReady(deadline);
            out.printf("  %-20s ready on http://localhost:%d%n", service.name, service.port);
        }
        out.printf("All services ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /**
     * The development CA (test-pki), made on the first start and kept in the data directory:
     * sandbox-bank issues partner certificates and its own TLS certificate with it, and the vault
     * trusts its root, so it must exist before either starts.
     */
    private Path developmentPki() {
        Path pki = dataDir.resolve("pki");
        if (!Files.exists(pki.resolve("ca-chain.pem"))) {
            CertificateAuthority.root("Sandbox Open Finance Root CA").intermediate("Sandbox Open Finance Issuing CA").save(pki);
        }
        return pki;
    }

    private void launch(String module, int port, Map<String, String> env, Path logs) {
        Map<String, String> environment = new HashMap<>(env);
        environment.putAll(overrides.getOrDefault(module, Map.of()));
        environments.put(module, environment);
        int count = replicas.getOrDefault(module, 1);
        // one instance listens on the service's port; several on ports of their own, behind a balancer there
        List<Integer> instancePorts = count == 1 ? List.of(port) : Arrays.stream(StackPorts.freePorts(count)).boxed().toList();
        List<ServiceProcess> started = new ArrayList<>();
        for (int instancePort : instancePorts) {
            String name = count == 1 ? module : module + "-" + (started.size() + 1);
            started.add(ServiceProcess.launch(name, jar(module), instancePort, environment, jvmOptions(module), logs));
        }
        services.addAll(started);
        instances.put(module, started);
        if (count > 1) {
            balancers.add(new Balancer(module, port, instancePorts));
        }
    }

    private List<String> jvmOptions(String module) {
        return jvmOptions.getOrDefault(module, ServiceProcess.DEFAULT_JVM_OPTIONS);
    }

    private Path jar(String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The port of instance {@code index} (from 0) of a service; with one instance, the service's port. */
    public int instancePort(String module, int index) {
        return instances.get(module).get(index).port;
    }

    /** Starts instance {@code index} (from 0) of a service again, after a {@link #kill}, and waits until it is ready. */
    public void restart(String module, int index) {
        ServiceProcess dead = instances.get(module).get(index);
        if (dead.isAlive()) {
            throw new IllegalStateException(dead.name + " is running");
        }
        ServiceProcess again = ServiceProcess.launch(dead.name + "-restarted", jar(module), dead.port, environments.get(module),
                jvmOptions(module), logs);
        synchronized (this) {
            services.add(again);
            instances.get(module).set(index, again);
        }
        again.awaitReady(System.nanoTime() + READY_TIMEOUT.toNanos());
    }

    /**
     * PostgreSQL crashes (its postmaster killed with SIGKILL: no shutdown, no checkpoint) and, after
     * {@code down}, starts again on the same port and data, recovering from its WAL.
     */
    public void crashAndRestartPostgres(Duration down) throws InterruptedException {
        postgres.kill();
        Thread.sleep(down.toMillis());
        postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), ports.postgres());
    }

    /** The Kafka broker is killed (SIGKILL) and, after {@code down}, started again on the same port and data. */
    public void crashAndRestartKafka(Duration down) throws InterruptedException {
        kafka.kill();
        Thread.sleep(down.toMillis());
        kafka = KafkaProcess.start(dataDir.resolve("kafka"), ports.kafka(), logs);
    }

    /** The process id of instance {@code index} (from 0) of a service, e.g. to read its CPU time. */
    public long pid(String module, int index) {
        return instances.get(module).get(index).pid();
    }

    /** The log file of instance {@code index} (from 0) of a service. */
    public Path log(String module, int index) {
        return instances.get(module).get(index).log;
    }

    /** Kills instance {@code index} (from 0) of a service at once (SIGKILL), as a crash or a lost node would. */
    public void kill(String module, int index) {
        instances.get(module).get(index).kill();
    }

    public StackSecrets secrets() {
        return secrets;
    }

    /** The platform's PostgreSQL (every service's database), e.g. to read its statistics. */
    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public StackPorts ports() {
        return ports;
    }

    /** The demo of the API track, with this stack's ports; the README shows it with the default ports. */
    public String demo() {
        return renderDemo(ports, root.relativize(dataDir.resolve("secrets.properties")).toString());
    }

    public static String renderDemo(StackPorts ports, String secretsFile) {
        return render("/demo.sh", ports, secretsFile);
    }

    /**
     * The data-sharing demo, which goes on in the shell of {@link #renderDemo the payment demo} (its
     * partner, token and helpers), with this stack's ports.
     */
    public static String renderSharingDemo(StackPorts ports, String secretsFile) {
        return render("/sharing-demo.sh", ports, secretsFile);
    }

    private static String render(String resource, StackPorts ports, String secretsFile) {
        try (InputStream in = Devstack.class.getResourceAsStream(resource)) {
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> values = new LinkedHashMap<>();
            values.put("{{VAULT}}", "http://localhost:" + ports.vault());
            values.put("{{CONSENT}}", "http://localhost:" + ports.consent());
            values.put("{{PAYMENT}}", "http://localhost:" + ports.payment());
            values.put("{{COLLECTION}}", "http://localhost:" + ports.collection());
            values.put("{{WEBHOOK}}", "http://localhost:" + ports.webhook());
            values.put("{{RECEIVER}}", "http://127.0.0.1:" + ports.demoReceiver());
            values.put("{{DIRECTORY}}", "http://localhost:" + ports.sandbox());
            values.put("{{SECRETS_FILE}}", secretsFile);
            for (Map.Entry<String, String> v : values.entrySet()) {
                template = template.replace(v.getKey(), v.getValue());
            }
            return template;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void printWelcome() {
        out.println();
        out.println("Ponte is up.");
        out.printf("  consent-service     http://localhost:%d   (Swagger UI: /q/swagger-ui)%n", ports.consent());
        out.printf("  payment-service     http://localhost:%d%n", ports.payment());
        out.printf("  collection-service  http://localhost:%d%n", ports.collection());
        out.printf("  webhook-dispatcher  http://localhost:%d%n", ports.webhook());
        out.printf("  certificate-vault   http://localhost:%d%n", ports.vault());
        out.printf("  sandbox-bank        http://localhost:%d (directory), https://localhost:%d (bank, mTLS)%n",
                ports.sandbox(), ports.sandboxTls());
        out.printf("  development CA      %s (sandbox-bank issues partner certificates with it; the vault trusts it)%n",
                dataDir.resolve("pki/ca-root.pem"));
        out.printf("  Kafka               %s%n", kafka.bootstrapServers());
        out.printf("  PostgreSQL          localhost:%d (user postgres; databases %s)%n", postgres.port(), String.join(", ", DATABASES));
        out.printf("  demo receiver       http://127.0.0.1:%d/hooks (prints deliveries here)%n", ports.demoReceiver());
        out.println();
        out.println("Dev admin token (POST /v1/partners): " + secrets.adminToken());
        out.println();
        out.println("Try it: paste this into another terminal at the repository root and watch the signed");
        out.println("events arrive here.");
        out.println();
        out.println(demo());
        out.println("Then, in the same terminal, data sharing: a session in which the user shares accounts, cards and");
        out.println("credit operations with two institutions, one webhook per resource shared, and a revocation.");
        out.println();
        out.println(renderSharingDemo(ports, root.relativize(dataDir.resolve("secrets.properties")).toString()));
        out.println("Ctrl-C stops everything.");
    }

    @Override
    public synchronized void close() {
        balancers.forEach(Balancer::close);
        balancers.clear();
        services.parallelStream().forEach(ServiceProcess::stop);
        services.clear();
        if (receiver != null) {
            receiver.close();
            receiver = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
