package br.com.ponte.consent;

import br.com.ponte.infra.Dirs;
import br.com.ponte.infra.PartnerTokens;
import br.com.ponte.infra.PonteInfraTestResource;
import br.com.ponte.infra.TopicProbe;
import br.com.ponte.kit.outbox.OutboxRelay;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster's relay path: a real Kafka Connect worker (its own JVM, distributed mode) configured from
 * {@code deploy/base/kafka/connect.yaml} and running the {@code outbox-consent} connector exactly as
 * {@code deploy/base/kafka/connectors.yaml} has it (read from there; only the database's address and the
 * secret's mount path are this machine's), beside consent-service's embedded relay on a slot of its own.
 * Every event reaches Kafka twice, once by each relay, and the two records are the same: topic, partition,
 * key, headers and payload. The worker killed with SIGKILL and started again loses nothing: the events
 * written while it was down arrive once, and anything it publishes again is the same record, which
 * consumers drop by its {@code id}.
 */
@QuarkusTest
@TestProfile(KafkaConnectRelayIT.EmbeddedRelayOnItsOwnSlot.class)
@WithTestResource(value = PonteInfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "consent"),
        @ResourceArg(name = "partner-tokens", value = "true")})
class KafkaConnectRelayIT {

    /** The embedded relay keeps publishing, on another slot: the deploy connector takes the one it names. */
    public static class EmbeddedRelayOnItsOwnSlot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ponte.outbox.relay.slot-name", "ponte_outbox_consent_embedded");
        }
    }

    private static final Path DEPLOY = Path.of(System.getProperty("ponte.root", "..")).toAbsolutePath().normalize()
            .resolve("deploy/base/kafka");
    private static final String CONNECTOR = "outbox-consent";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static Path dir;
    private static Process worker;
    private static int restPort;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "ponte.db.port")
    int dbPort;

    @ConfigProperty(name = "ponte.db.user")
    String dbUser;

    @ConfigProperty(name = "ponte.db.password")
    String dbPassword;

    @AfterAll
    static void stopWorker() {
        if (worker != null) {
            worker.destroyForcibly();
        }
        if (dir != null) {
            Dirs.deleteQuietly(dir);
        }
    }

    @Test
    void theDeployConnectorPublishesWhatTheEmbeddedRelayDoesAndAKilledWorkerLosesNothing() throws Exception {
        dir = Files.createTempDirectory("ponte-connect-it");
        Map<String, String> connector = connectorFromDeploy();
        theConnectorAgreesWithTheEmbeddedRelay(connector);

        worker = startWorker();
        put("/connectors/" + CONNECTOR + "/config", connector);
        awaitRunning();
        // snapshot.mode no_data: the connector streams from when its slot was made; wait until an event reaches
        // Kafka twice (both relays stream)
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String probe = createConsent();
            try (TopicProbe topic = TopicProbe.subscribe(bootstrap, "consent.events")) {
                return topic.recordsWithin(r -> probe.equals(r.key()), Duration.ofSeconds(3)).size() == 4;
            }
        });

        // every event twice, the same record both times
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            before.add(createConsent());
        }
        Map<String, List<ConsumerRecord<String, String>>> published = byEventId(before, 2 * 2 * before.size());
        assertThat(published).hasSize(2 * before.size());
        published.forEach((id, records) -> {
            assertThat(records).as(id).hasSize(2);
            assertSame(records.get(0), records.get(1));
        });
        // the same headers from both: the event's id, type and sequence, the trace of the request that wrote it
        // (and Debezium's context: connector, prefix, task)
        ConsumerRecord<String, String> one = published.values().iterator().next().get(0);
        assertThat(headers(one)).containsKeys("id", "eventType", "sequence", "traceparent").containsEntry(
                "__debezium.context.connectorLogicalName", "ponte-consent");
        assertThat(headers(one).get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");

        // the worker killed (offsets of what it published committed within a second), events written meanwhile
        Thread.sleep(2_000);
        worker.destroyForcibly().waitFor();
        List<String> whileDown = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            whileDown.add(createConsent());
        }
        worker = startWorker();
        awaitRunning();
        Map<String, List<ConsumerRecord<String, String>>> afterRestart = byEventId(whileDown, 2 * 2 * whileDown.size());
        assertThat(afterRestart).hasSize(2 * whileDown.size());
        afterRestart.forEach((id, records) -> {
            // once by the embedded relay, once by the connector: nothing lost, nothing twice
            assertThat(records).as(id).hasSize(2);
            assertSame(records.get(0), records.get(1));
        });
        // what was published before the kill may come again (at least once), and only as the same record
        try (TopicProbe topic = TopicProbe.subscribe(bootstrap, "consent.events")) {
            Map<String, List<ConsumerRecord<String, String>>> again = group(topic.recordsWithin(
                    r -> before.contains(r.key()), Duration.ofSeconds(3)));
            assertThat(again).hasSize(2 * before.size());
            again.values().forEach(records -> records.forEach(r -> assertSame(records.get(0), r)));
        }
    }

    /**
     * The connector's settings are the embedded relay's, but for what only the embedded engine has (its offset
     * store in the database, its name, giving up a slot another instance reads so as to stand by) and what a cluster does differently (the address, the credentials from
     * a provider, no snapshot of the rows the embedded relay already published, converters Connect needs).
     */
    private void theConnectorAgreesWithTheEmbeddedRelay(Map<String, String> connector) {
        Properties embedded = relay.engineProperties();
        Set<String> own = Set.of("name", "offset.storage", "offset.storage.jdbc.connection.url", "offset.storage.jdbc.connection.user",
                "offset.storage.jdbc.connection.password", "offset.storage.jdbc.table.name", "offset.flush.interval.ms",
                "database.hostname", "database.port", "database.user", "database.password", "slot.name", "publication.name",
                "snapshot.mode", "slot.max.retries");
        for (String key : embedded.stringPropertyNames()) {
            if (!own.contains(key)) {
                assertThat(connector).as("deploy's %s has the embedded relay's %s", CONNECTOR, key)
                        .containsEntry(key, embedded.getProperty(key));
            }
        }
        assertThat(connector).containsEntry("slot.name", "ponte_outbox_consent").containsEntry("publication.name", "ponte_outbox_consent")
                .containsEntry("snapshot.mode", "no_data");
        assertThat(connector.keySet()).filteredOn(key -> !embedded.containsKey(key)).containsExactlyInAnyOrder(
                "tasks.max", "key.converter", "value.converter", "header.converter");
    }

    /** {@code outbox-consent} from deploy/base/kafka/connectors.yaml, pointed at this machine's database. */
    private Map<String, String> connectorFromDeploy() throws IOException {
        JsonNode spec = null;
        for (Iterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(DEPLOY.resolve("connectors.yaml").toFile());
             docs.hasNext(); ) {
            JsonNode doc = docs.next();
            if (CONNECTOR.equals(doc.path("metadata").path("name").asText())) {
                spec = doc.path("spec");
            }
        }
        assertThat(spec).as(CONNECTOR + " in " + DEPLOY.resolve("connectors.yaml")).isNotNull();
        Map<String, String> config = new TreeMap<>();
        config.put("connector.class", spec.path("class").asText());
        config.put("tasks.max", spec.path("tasksMax").asText());
        spec.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        // this machine's database; the credentials stay behind the mounted-secret provider
        assertThat(config).containsEntry("database.password", "${dir:/mnt/ponte-db-debezium:password}");
        Path secret = Files.createDirectories(dir.resolve("ponte-db-debezium"));
        Files.writeString(secret.resolve("username"), dbUser);
        Files.writeString(secret.resolve("password"), dbPassword);
        config.replaceAll((key, value) -> value.replace("/mnt/ponte-db-debezium", secret.toString()));
        config.put("database.hostname", "localhost");
        config.put("database.port", String.valueOf(dbPort));
        return config;
    }

    /** A distributed worker configured as deploy/base/kafka/connect.yaml's KafkaConnect, in its own JVM. */
    private Process startWorker() throws IOException {
        Path properties = dir.resolve("worker.properties");
        if (!Files.exists(properties)) {
            JsonNode spec = new YAMLMapper().readTree(DEPLOY.resolve("connect.yaml").toFile()).path("spec");
            // the cluster's Kafka Connect is the version this worker runs
            String runtime = Path.of(org.apache.kafka.connect.runtime.Connect.class.getProtectionDomain().getCodeSource().getLocation()
                    .getPath()).getFileName().toString();
            assertThat(runtime).isEqualTo("connect-runtime-" + spec.path("version").asText() + ".jar");
            Map<String, String> config = new LinkedHashMap<>();
            spec.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            config.put("bootstrap.servers", bootstrap);
            config.put("group.id", spec.path("groupId").asText());
            config.put("config.storage.topic", spec.path("configStorageTopic").asText());
            config.put("offset.storage.topic", spec.path("offsetStorageTopic").asText());
            config.put("status.storage.topic", spec.path("statusStorageTopic").asText());
            // Strimzi's defaults for what the resource leaves out; offsets committed every second here (a minute there)
            config.putIfAbsent("key.converter", "org.apache.kafka.connect.json.JsonConverter");
            config.putIfAbsent("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            config.put("offset.flush.interval.ms", "1000");
            restPort = freePort();
            config.put("listeners", "http://127.0.0.1:" + restPort);
            Files.writeString(properties, config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n", "", "\n")));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", workerClassPath(),
                "org.apache.kafka.connect.cli.ConnectDistributed", properties.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("worker.log").toFile()))
                .start();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> !process.isAlive() || get("/connectors").statusCode() == 200);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("The Connect worker did not answer: " + log(), e);
        }
        assertThat(process.isAlive()).as("the Connect worker exited (%s): %s", process.isAlive() ? "" : process.exitValue(), log()).isTrue();
        return process;
    }

    /**
     * The test's class path (Failsafe's full one, not its launcher jar's): connect-runtime and Debezium's
     * connector come with debezium-embedded, the embedded relay's engine. The worker takes the kafka-clients its
     * runtime is built against and logs to its console (target/connect-worker, copied by the build).
     */
    private static String workerClassPath() throws IOException {
        Path own = Path.of("target/connect-worker").toAbsolutePath();
        List<String> entries = new ArrayList<>();
        try (var jars = Files.list(own)) {
            jars.map(Path::toString).sorted().forEach(entries::add);
        }
        assertThat(entries).as(own + " (the build's pre-integration-test copy)").hasSize(2);
        String testPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : testPath.split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (!name.startsWith("kafka-clients-") && !name.startsWith("slf4j-jboss-logmanager-")) {
                entries.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static String log() throws IOException {
        String log = Files.readString(dir.resolve("worker.log"));
        return log.substring(Math.max(0, log.length() - 6000));
    }

    private void awaitRunning() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            JsonNode status = JSON.readTree(get("/connectors/" + CONNECTOR + "/status").body());
            return "RUNNING".equals(status.path("connector").path("state").asText())
                    && "RUNNING".equals(status.path("tasks").path(0).path("state").asText());
        });
    }

    private String createConsent() {
        return given().auth().oauth2(PartnerTokens.issue("partner-" + UUID.randomUUID()))
                .contentType(ContentType.JSON).body(ConsentRequests.valid())
                .post("/v1/payment-consents").then().statusCode(201).extract().path("id");
    }

    /** The consents' records on consent.events, once {@code count} arrived (and a moment for any more), by event id. */
    private Map<String, List<ConsumerRecord<String, String>>> byEventId(List<String> consents, int count) {
        try (TopicProbe topic = TopicProbe.subscribe(bootstrap, "consent.events")) {
            topic.awaitRecords(r -> consents.contains(r.key()), count, Duration.ofSeconds(90));
            return group(topic.recordsWithin(r -> consents.contains(r.key()), Duration.ofSeconds(3)));
        }
    }

    private static Map<String, List<ConsumerRecord<String, String>>> group(List<ConsumerRecord<String, String>> records) {
        Map<String, List<ConsumerRecord<String, String>>> byId = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            byId.computeIfAbsent(headers(r).get("id"), id -> new ArrayList<>()).add(r);
        }
        return byId;
    }

    private static void assertSame(ConsumerRecord<String, String> a, ConsumerRecord<String, String> b) {
        assertThat(b.topic()).isEqualTo(a.topic());
        assertThat(b.partition()).isEqualTo(a.partition());
        assertThat(b.key()).isEqualTo(a.key());
        assertThat(headers(b)).isEqualTo(headers(a));
        assertThat(b.value()).isEqualTo(a.value());
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            assertThat(headers.containsKey(header.key())).as(header.key()).isFalse();
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void put(String path, Map<String, String> body) throws Exception {
        ObjectNode json = JSON.valueToTree(body);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
