package br.com.ponte.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Kafka and PostgreSQL from Testcontainers, for machines with Docker: what {@link PonteInfraTestResource}
 * gives the integration tests when the build runs with {@code -Ptestcontainers} ({@code ponte.infra=testcontainers}).
 * The same versions and settings as the embedded ones: Kafka {@value #KAFKA_IMAGE} in KRaft, PostgreSQL with
 * logical WAL for the outbox relays. One pair per JVM, like {@link PonteInfra#shared()}; Testcontainers' Ryuk
 * removes them when the JVM ends. Testcontainers is an optional dependency of this module: the class is
 * compiled always and loaded only in that profile.
 */
public final class ContainerInfra {

    /** {@code ponte.infra}: {@code embedded} (the default) or {@code testcontainers}. */
    public static final String MODE_PROPERTY = "ponte.infra";
    static final String KAFKA_IMAGE = "apache/kafka:4.0.0";
    static final String POSTGRES_IMAGE = "postgres:17-alpine";

    private static ContainerInfra shared;

    private final KafkaContainer kafka;
    private final PostgreSQLContainer<?> postgres;
    private Admin admin;

    private ContainerInfra() {
        kafka = new KafkaContainer(KAFKA_IMAGE);
        postgres = new PostgreSQLContainer<>(POSTGRES_IMAGE).withUsername("postgres").withPassword("postgres")
                .withDatabaseName("postgres")
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=32", "-c", "max_wal_senders=32",
                        "-c", "fsync=off");
        kafka.start();
        postgres.start();
    }

    /** Whether this build asked for containers. */
    public static boolean requested() {
        return "testcontainers".equalsIgnoreCase(System.getProperty(MODE_PROPERTY, "embedded"));
    }

    public static synchronized ContainerInfra shared() {
        if (shared == null) {
            shared = new ContainerInfra();
        }
        return shared;
    }

    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    public String dbHost() {
        return postgres.getHost();
    }

    public int dbPort() {
        return postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    public String dbUser() {
        return postgres.getUsername();
    }

    public String dbPassword() {
        return postgres.getPassword();
    }

    public synchronized void createTopics(int partitions, String... names) {
        if (admin == null) {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ponte-container-infra-admin");
            admin = Admin.create(props);
        }
        EmbeddedKafka.createTopics(admin, partitions, names);
    }

    public void createDatabase(String name) {
        try (Connection connection = EmbeddedPostgresServer.connect(postgres.getJdbcUrl(), dbUser(), dbPassword())) {
            EmbeddedPostgresServer.createDatabase(connection, name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " in " + postgres.getJdbcUrl(), e);
        }
    }
}
