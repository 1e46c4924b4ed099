package br.com.ponte.devstack;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.EventTime;
import br.com.ponte.events.data.ConsentCreated;
import br.com.ponte.events.data.PaymentSummary;
import br.com.ponte.infra.EmbeddedKafka;
import br.com.ponte.infra.EmbeddedPostgresServer;
import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook-dispatcher killed (SIGKILL) in the middle of a retry schedule and started again:
 * the pending retry is persisted, so the new process resumes it; the receiver gets the event
 * accepted exactly once.
 */
class DispatcherRestartIT {

    static final Path ROOT = Path.of(System.getProperty("ponte.root", "..")).toAbsolutePath().normalize();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    static EmbeddedPostgresServer postgres;
    static EmbeddedKafka kafka;
    static Path dir;
    static int port;
    static Map<String, String> env;

    @BeforeAll
    static void infrastructure() throws Exception {
        dir = Files.createTempDirectory("ponte-dispatcher-restart");
        postgres = EmbeddedPostgresServer.start(null, 0);
        postgres.createDatabase("webhook");
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        java.util.List<String> topics = new java.util.ArrayList<>();
        for (String t : Devstack.TOPICS) {
            topics.add(t);
            topics.add(t + ".dlq");
        }
        kafka.createTopics(3, topics.toArray(String[]::new));
        port = StackPorts.freePorts(1)[0];
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("PONTE_DB_PORT", Integer.toString(postgres.port()));
        env.put("PONTE_DB_NAME", "webhook");
        env.put("PONTE_WEBHOOK_MASTER_KEY", Base64.getEncoder().encodeToString(key));
        env.put("PONTE_WEBHOOK_ALLOWED_PRIVATE_NETWORKS", "127.0.0.0/8");
        env.put("PONTE_WEBHOOK_REQUIRE_HTTPS", "false");
        env.put("PONTE_WEBHOOK_RETRY_SCHEDULE", "0s,4s,4s,4s,4s");
        env.put("PONTE_WEBHOOK_RETRY_JITTER", "0");
        env.put("PONTE_WEBHOOK_LEASE", "5s");
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", PartnerTokens.publicKeyPem().toUri().toString());
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    ServiceProcess dispatcher(String name, Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(env);
        environment.putAll(extra);
        ServiceProcess process = ServiceProcess.launch(name,
                ROOT.resolve("webhook-dispatcher/target/quarkus-app/quarkus-run.jar"), port, environment,
                ServiceProcess.DEFAULT_JVM_OPTIONS, dir.resolve("logs"));
        process.awaitReady(System.nanoTime() + Duration.ofMinutes(2).toNanos());
        return process;
    }

    /** A TCP listener standing in for an OTLP collector: counts the connections made to it. */
    static final class Collector implements AutoCloseable {
        private final java.net.ServerSocket socket;
        private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();

        private Collector(java.net.ServerSocket socket) {
            this.socket = socket;
            if (socket != null) {
                Thread accept = new Thread(() -> {
                    while (!socket.isClosed()) {
                        try (java.net.Socket ignored = socket.accept()) {
                            connections.incrementAndGet();
                        } catch (java.io.IOException e) {
                            // closed
                        }
                    }
                }, "otlp-collector-stand-in");
                accept.setDaemon(true);
                accept.start();
            }
        }

        /** Listens on {@code port} (0: any free one); on a port already taken it just does not listen. */
        static Collector on(int port) {
            try {
                return new Collector(new java.net.ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress()));
            } catch (java.io.IOException e) {
                return new Collector(null);
            }
        }

        boolean listening() {
            return socket != null;
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws java.io.IOException {
            if (socket != null) {
                socket.close();
            }
        }
    }

    static void awaitAttempts(EventEnvelope event, int attempts) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("webhook"), "postgres", "postgres")) {
            while (true) {
                ResultSet rs = c.createStatement().executeQuery("select attempts from webhook_delivery where message_id = '"
                        + event.id() + "' and status = 'PENDING'");
                if (rs.next() && rs.getInt(1) == attempts) {
                    return;
                }
                assertThat(System.nanoTime()).as("attempt %d recorded in time", attempts).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    @Test
    void aKilledDispatcherResumesItsRetryScheduleAfterARestart() throws Exception {
        String partner = "partner-" + UUID.randomUUID();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answerWith(503);
            // the first runs with tracing's defaults (nothing exported: a collector on the default port gets
            // nothing), the second with QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT naming one (which it connects to)
            Collector defaultPort = Collector.on(4317);
            Collector named = Collector.on(0);
            ServiceProcess first = dispatcher("webhook-dispatcher-1", Map.of());
            String secret;
            try {
                HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/webhook-endpoints"))
                        .header("Authorization", "Bearer " + PartnerTokens.issue(partner))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + receiver.url() + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                secret = new ObjectMapper().readTree(created.body()).path("secret").asText();
                receiver.verifyWith(secret);

                EventEnvelope event = EventEnvelope.create(new ConsentCreated("c", "sandbox-bank", null, "AWAITING_AUTHORISATION",
                                Instant.now().plusSeconds(300), new PaymentSummary("1.00", "BRL", null, "Loja", "11222333000181", null)),
                        "consent-service", UUID.randomUUID().toString(), partner, EventTime.now(), 1);
                Properties p = new Properties();
                p.put("bootstrap.servers", kafka.bootstrapServers());
                p.put("key.serializer", StringSerializer.class.getName());
                p.put("value.serializer", StringSerializer.class.getName());
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                    ProducerRecord<String, String> record = new ProducerRecord<>("consent.events", event.subject(), EventCodec.encode(event));
                    // published in a trace, as the outbox relay does for an event written by a partner's request
                    record.headers().add("traceparent", ("00-" + TRACE + "-00f067aa0ba902b7-01").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    producer.send(record).get();
                }

                receiver.await(r -> event.id().equals(r.webhookId()), 1, Duration.ofSeconds(60));
                awaitAttempts(event, 1); // the failed first attempt is recorded and the retry scheduled
                first.kill(); // mid-schedule: the next attempt is due in 4 s
                assertThat(first.isAlive()).isFalse();
                receiver.answerWith(200);
                Thread.sleep(5000);
                assertThat(receiver.received(r -> event.id().equals(r.webhookId()))).as("nobody delivers while it is down").hasSize(1);

                ServiceProcess second = dispatcher("webhook-dispatcher-2",
                        Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + named.port()));
                try {
                    receiver.await(r -> event.id().equals(r.webhookId()) && r.answeredWith() == 200, 1, Duration.ofSeconds(60));
                    Thread.sleep(5000);
                    assertThat(receiver.received(r -> event.id().equals(r.webhookId()) && r.answeredWith() == 200))
                            .as("accepted exactly once").hasSize(1).allMatch(WebhookReceiver.Received::signatureValid);
                    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("webhook"), "postgres", "postgres")) {
                        ResultSet rs = c.createStatement().executeQuery("select status, attempts from webhook_delivery where message_id = '"
                                + event.id() + "'");
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("SUCCEEDED");
                        assertThat(rs.getInt(2)).isEqualTo(2);
                    }
                } finally {
                    second.stop();
                }
                if (defaultPort.listening()) {
                    assertThat(defaultPort.connections()).as("spans exported without an endpoint").isZero();
                }
                assertThat(named.connections()).as("spans exported to the configured collector").isPositive();
                defaultPort.close();
                named.close();
                // a service on its production profile logs JSON, one object per line, for the log pipeline
                List<String> lines = Files.readAllLines(second.log).stream().filter(l -> l.startsWith("{")).toList();
                assertThat(lines).isNotEmpty();
                for (String line : lines) {
                    JsonNode entry = new ObjectMapper().readTree(line);
                    assertThat(entry.has("timestamp") && entry.has("level") && entry.has("message")).as(line).isTrue();
                }
                // what it logs about an event carries the event's trace id
                assertThat(Files.readAllLines(first.log)).filteredOn(l -> l.contains("started failing")).first()
                        .satisfies(l -> assertThat(new ObjectMapper().readTree(l).path("mdc").path("traceId").asText())
                                .isEqualTo(TRACE));
            } finally {
                first.stop();
            }
        }
    }
}
