package br.com.ponte.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka + one PostgreSQL per JVM, started lazily on first use, stopped by a shutdown hook. For tests. Uses
 * temp dirs, random free ports.
 * <p>
 * "Per JVM" holds even when this class is loaded more than once (Quarkus creates a class loader per test
 * application): the first copy that starts a server publishes its address in the system properties
 * {@value #KAFKA_BOOTSTRAP_PROPERTY} and {@value #POSTGRES_PORT_PROPERTY}, and every other copy attaches to it
 * instead of starting another one. Setting those properties up front (e.g.
 * {@code -Dponte.infra.kafka.bootstrap-servers=localhost:9092 -Dponte.infra.postgres.port=5432}) makes the tests
 * use an already running infrastructure such as the devstack.
 */
public final class PonteInfra {

    private static final Logger LOG = LoggerFactory.getLogger(PonteInfra.class);

    /** Address of the shared broker, set once it runs. */
    public static final String KAFKA_BOOTSTRAP_PROPERTY = "ponte.infra.kafka.bootstrap-servers";
    /** Port of the shared PostgreSQL, set once it runs. */
    public static final String POSTGRES_PORT_PROPERTY = "ponte.infra.postgres.port";

    /*
     * A string literal is interned, hence one object for the whole JVM, whatever class loader loaded this class:
     * it serialises the start-or-attach decision between copies of this class.
     */
    private static final Object JVM_LOCK = "br.com.ponte.infra.PonteInfra#JVM_LOCK";

    private static PonteInfra shared;

    private EmbeddedKafka kafka;
    private EmbeddedPostgresServer postgres;

    private PonteInfra() {
    }

    /** The JVM-wide instance. Nothing is started before {@link #kafka()} or {@link #postgres()} is called. */
    public static synchronized PonteInfra shared() {
        if (shared == null) {
            shared = new PonteInfra();
        }
        return shared;
    }

    /** The shared broker, started on first call. */
    public synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            synchronized (JVM_LOCK) {
                String bootstrap = System.getProperty(KAFKA_BOOTSTRAP_PROPERTY);
                if (bootstrap != null && !bootstrap.isBlank()) {
                    LOG.debug("Using the shared Kafka broker at {}", bootstrap);
                    kafka = EmbeddedKafka.attach(bootstrap.trim());
                } else {
                    Path dir = tempDir("ponte-kafka-");
                    EmbeddedKafka started;
                    try {
                        started = EmbeddedKafka.start(dir, 0);
                    } catch (RuntimeException e) {
                        Dirs.deleteQuietly(dir);
                        throw e;
                    }
                    onShutdown("ponte-infra-kafka-shutdown", () -> {
                        started.close();
                        Dirs.deleteQuietly(dir);
                    });
                    System.setProperty(KAFKA_BOOTSTRAP_PROPERTY, started.bootstrapServers());
                    kafka = started;
                }
            }
        }
        return kafka;
    }

    /** The shared PostgreSQL, started on first call. */
    public synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            synchronized (JVM_LOCK) {
                String port = System.getProperty(POSTGRES_PORT_PROPERTY);
                if (port != null && !port.isBlank()) {
                    LOG.debug("Using the shared PostgreSQL on port {}", port);
                    postgres = EmbeddedPostgresServer.attach(Integer.parseInt(port.trim()));
                } else {
                    EmbeddedPostgresServer started = EmbeddedPostgresServer.start(null, 0);
                    onShutdown("ponte-infra-postgres-shutdown", started::close);
                    System.setProperty(POSTGRES_PORT_PROPERTY, String.valueOf(started.port()));
                    postgres = started;
                }
            }
        }
        return postgres;
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temp dir", e);
        }
    }

    private static void onShutdown(String name, Runnable action) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                action.run();
            } catch (Throwable t) {
                LOG.warn("{} failed", name, t);
            }
        }, name));
    }
}
