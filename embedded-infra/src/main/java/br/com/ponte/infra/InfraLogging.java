package br.com.ponte.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the chatty INFO logging of the embedded Kafka broker, Kafka clients and the PostgreSQL
 * process quiet. Works through java.util.logging, which is what slf4j ends up in under Quarkus
 * (slf4j-jboss-logmanager) and with slf4j-jdk14. Set {@code -Dponte.infra.verbose=true} to keep
 * the default levels.
 */
final class InfraLogging {

    /** Broker internals: only errors. */
    private static final String[] BROKER_CATEGORIES = {
            "kafka", "state.change.logger", "org.apache.kafka.controller", "org.apache.kafka.raft",
            "org.apache.kafka.server", "org.apache.kafka.storage", "org.apache.kafka.metadata",
            "org.apache.kafka.image", "org.apache.kafka.queue", "org.apache.kafka.coordinator",
            "org.apache.kafka.snapshot", "org.apache.kafka.security"
    };

    /** Kafka clients (including the admin client used here), the PostgreSQL process output and driver. */
    private static final String[] OTHER_CATEGORIES = {
            "org.apache.kafka", "io.zonky", "org.postgresql"
    };

    // strong references: JUL loggers are weakly held, a GC would otherwise drop the level
    private static final List<Logger> QUIETED = new ArrayList<>();
    private static boolean applied;

    private InfraLogging() {
    }

    static synchronized void quiet() {
        if (applied || Boolean.getBoolean("ponte.infra.verbose")) {
            return;
        }
        applied = true;
        for (String category : BROKER_CATEGORIES) {
            setLevel(category, Level.SEVERE);
        }
        for (String category : OTHER_CATEGORIES) {
            setLevel(category, Level.WARNING);
        }
    }

    private static void setLevel(String category, Level level) {
        try {
            Logger logger = Logger.getLogger(category);
            logger.setLevel(level);
            QUIETED.add(logger);
        } catch (RuntimeException ignored) {
            // a foreign LogManager may refuse; logging levels are cosmetic
        }
    }
}
