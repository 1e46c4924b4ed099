package br.com.ponte.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class EmbeddedInfraTest {

    @Test
    void sharedKafkaProducesAndConsumes() throws Exception {
        EmbeddedKafka kafka = PonteInfra.shared().kafka();
        assertTrue(kafka.bootstrapServers().matches("localhost:\\d+"), kafka.bootstrapServers());
        assertEquals(kafka, PonteInfra.shared().kafka(), "one broker per JVM");

        String topic = "roundtrip.events";
        kafka.createTopics(3, topic);
        kafka.createTopics(3, topic); // idempotent

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
            assertEquals(3, description.partitions().size());
        }

        String key = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = producer(kafka)) {
            producer.send(new ProducerRecord<>(topic, key, "hello")).get();
        }

        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "roundtrip-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = pollUntil(consumer, key, Duration.ofSeconds(30));
            assertEquals("hello", received.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow().value());
        }
    }

    @Test
    void sharedPostgresHasLogicalWal() throws Exception {
        EmbeddedPostgresServer postgres = PonteInfra.shared().postgres();
        assertEquals(postgres, PonteInfra.shared().postgres(), "one PostgreSQL per JVM");
        assertEquals("localhost", postgres.host());

        postgres.createDatabase("embedded_infra_it");
        postgres.createDatabase("embedded_infra_it"); // idempotent
        assertEquals("jdbc:postgresql://localhost:" + postgres.port() + "/embedded_infra_it",
                postgres.jdbcUrl("embedded_infra_it"));

        try (Connection connection = DriverManager.getConnection(
                postgres.jdbcUrl("embedded_infra_it"), postgres.user(), postgres.password());
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SHOW wal_level")) {
                assertTrue(rs.next());
                assertEquals("logical", rs.getString(1));
            }
            try (ResultSet rs = statement.executeQuery("SELECT current_database()")) {
                assertTrue(rs.next());
                assertEquals("embedded_infra_it", rs.getString(1));
            }
        }
    }

    @Test
    void testResourceProvidesConfigTopicsAndDatabase() throws Exception {
        PonteInfraTestResource resource = new PonteInfraTestResource();
        resource.init(Map.of("database", "consent"));
        Map<String, String> config = resource.start();

        EmbeddedKafka kafka = PonteInfra.shared().kafka();
        EmbeddedPostgresServer postgres = PonteInfra.shared().postgres();
        assertEquals(kafka.bootstrapServers(), config.get("kafka.bootstrap.servers"));
        assertEquals("localhost", config.get("ponte.db.host"));
        assertEquals(String.valueOf(postgres.port()), config.get("ponte.db.port"));
        assertEquals("consent", config.get("ponte.db.name"));
        assertEquals("postgres", config.get("ponte.db.user"));
        assertEquals("postgres", config.get("ponte.db.password"));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get();
            for (String topic : List.of("consent.events", "payment.events", "sharing.events", "collection.events",
                    "certificate.events")) {
                assertTrue(topics.contains(topic), topic);
                assertTrue(topics.contains(topic + ".dlq"), topic + ".dlq");
            }
            assertEquals(3, admin.describeTopics(Set.of("payment.events.dlq")).allTopicNames().get()
                    .get("payment.events.dlq").partitions().size());
        }
        try (Connection connection = DriverManager.getConnection(
                postgres.jdbcUrl("consent"), postgres.user(), postgres.password());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_database()")) {
            assertTrue(rs.next());
            assertEquals("consent", rs.getString(1));
        }

        // a second start (another test class / class loader) reuses the same infrastructure
        PonteInfraTestResource other = new PonteInfraTestResource();
        other.init(Map.of());
        Map<String, String> otherConfig = other.start();
        assertEquals(config.get("kafka.bootstrap.servers"), otherConfig.get("kafka.bootstrap.servers"));
        assertEquals(config.get("ponte.db.port"), otherConfig.get("ponte.db.port"));
        assertEquals("ponte", otherConfig.get("ponte.db.name"));
        resource.stop();
        other.stop();
    }

    @Test
    void attachedHandlesShareTheRunningServers() {
        EmbeddedKafka kafka = PonteInfra.shared().kafka();
        EmbeddedKafka attached = EmbeddedKafka.attach(System.getProperty(PonteInfra.KAFKA_BOOTSTRAP_PROPERTY));
        assertEquals(kafka.bootstrapServers(), attached.bootstrapServers());
        attached.createTopics(1, "attached.events");
        attached.close(); // must not stop the shared broker
        kafka.createTopics(1, "attached.events");

        EmbeddedPostgresServer postgres = PonteInfra.shared().postgres();
        EmbeddedPostgresServer attachedPg = EmbeddedPostgresServer.attach(
                Integer.parseInt(System.getProperty(PonteInfra.POSTGRES_PORT_PROPERTY)));
        assertEquals(postgres.port(), attachedPg.port());
        attachedPg.createDatabase("attached_db");
        attachedPg.close(); // must not stop the shared server
        postgres.createDatabase("attached_db");
    }

    @Test
    void dataSurvivesRestart(@TempDir Path tmp) throws Exception {
        Path kafkaDir = tmp.resolve("kafka");
        Path pgDir = tmp.resolve("pg");
        String topic = "restart.events";
        String key = UUID.randomUUID().toString();

        EmbeddedKafka kafka = EmbeddedKafka.start(kafkaDir, 0);
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(pgDir, 0);
        int firstPgPort = postgres.port();
        try {
            kafka.createTopics(1, topic);
            try (KafkaProducer<String, String> producer = producer(kafka)) {
                producer.send(new ProducerRecord<>(topic, key, "persisted")).get();
            }
            postgres.createDatabase("restart_db");
            try (Connection connection = DriverManager.getConnection(
                    postgres.jdbcUrl("restart_db"), postgres.user(), postgres.password());
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE item (id int PRIMARY KEY, name text)");
                statement.execute("INSERT INTO item VALUES (1, 'kept')");
            }
        } finally {
            kafka.close();
            postgres.close();
        }

        // a fixed port on the second run, different from the first one
        int fixedPgPort = Ports.freePort();
        assertNotEquals(0, fixedPgPort);
        kafka = EmbeddedKafka.start(kafkaDir, 0);
        postgres = EmbeddedPostgresServer.start(pgDir, fixedPgPort);
        try {
            assertEquals(fixedPgPort, postgres.port());
            kafka.createTopics(1, topic); // already exists: no-op

            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
                TopicPartition partition = new TopicPartition(topic, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                List<ConsumerRecord<String, String>> received = pollUntil(consumer, key, Duration.ofSeconds(30));
                assertEquals("persisted", received.stream().filter(r -> key.equals(r.key())).findFirst()
                        .orElseThrow().value());
            }

            postgres.createDatabase("restart_db"); // already exists: no-op
            try (Connection connection = DriverManager.getConnection(
                    postgres.jdbcUrl("restart_db"), postgres.user(), postgres.password());
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT name FROM item WHERE id = 1")) {
                assertTrue(rs.next());
                assertEquals("kept", rs.getString(1));
            }
        } finally {
            kafka.close();
            postgres.close();
        }
        assertTrue(firstPgPort > 0);
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, String key,
            Duration timeout) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            if (received.stream().anyMatch(r -> key.equals(r.key()))) {
                return received;
            }
        }
        throw new AssertionError("No record with key " + key + " within " + timeout + "; got " + received);
    }
}
