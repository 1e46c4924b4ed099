package br.com.ponte.kit.outbox;

import br.com.ponte.events.Topic;
import br.com.ponte.kit.db.DatabaseConfig;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.embedded.Connect;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.time.Duration;

/**
 * Relays committed outbox rows to Kafka with the Debezium embedded engine (PostgreSQL connector,
 * {@code pgoutput}, outbox event router): topic = the row's {@code aggregatetype}, key = aggregate id,
 * value = the event envelope, header {@code id} = event id.
 *
 * <p>Delivery is at least once: a batch is marked processed only after Kafka acknowledged every
 * record, and the position in the WAL is stored in the service's own database
 * ({@code outbox_relay_offsets}), so after a crash or restart the relay resumes from the last
 * acknowledged row: nothing is lost and the order per key is kept. A row may be published twice
 * after a crash; consumers drop the duplicate by event id ({@link ProcessedEvents}).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxConfig config;
    private final DatabaseConfig db;
    private final String bootstrapServers;
    private final String applicationName;

    private final ExecutorService engineExecutor = Executors.newSingleThreadExecutor(r -> thread(r, "outbox-relay"));
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "outbox-relay-restart"));
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicBoolean crashBeforeNextPublish = new AtomicBoolean();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Run> current = new AtomicReference<>();
    private final AtomicBoolean startScheduled = new AtomicBoolean();
    private volatile boolean standingBy;
    private Connection leaderConnection;

    public OutboxRelay(OutboxConfig config, DatabaseConfig db,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.config = config;
        this.db = db;
        this.bootstrapServers = bootstrapServers;
        this.applicationName = applicationName;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.relay().enabled()) {
            start();
        } else {
            LOG.info("Outbox relay disabled (ponte.outbox.relay.enabled=false): an external connector relays the outbox");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
        restarts.shutdownNow();
        engineExecutor.shutdownNow();
    }

    /** Starts the relay; it resumes from the last position stored in the database. */
    public synchronized void start() {
        wanted.set(true);
        if (current.get() != null) {
            return;
        }
        if (!leadership()) {
            // Several instances of a service share one database and so one replication slot, which
            // only one of them can read: one relays, the others stand by and take over as soon as
            // it goes away.
            if (!standingBy) {
                standingBy = true;
                LOG.infof("Another instance relays this outbox (slot %s); standing by", config.relay().slotName());
            }
            scheduleStart();
            return;
        }
        if (standingBy) {
            standingBy = false;
            LOG.infof("This instance relays the outbox (slot %s) from now on", config.relay().slotName());
        }
        Run run = new Run(new KafkaProducer<>(producerProperties()));
        run.engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(engineProperties())
                .notifying((records, committer) -> handleBatch(run, records, committer))
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        run.streaming = true;
                    }
                })
                .using((success, message, error) -> onEngineStopped(run, success, message, error))
                .build();
        current.set(run);
        engineExecutor.execute(run.engine);
        LOG.infof("Outbox relay started (database %s, slot %s)", db.name(), config.relay().slotName());
    }

    /**
     * Stops the relay cleanly and waits until its engine has stopped and flushed its position, so a
     * following {@link #start()} neither republishes nor skips anything. Rows committed meanwhile
     * are published on the next start.
     */
    public void stop() {
        Run run;
        synchronized (this) {
            wanted.set(false);
            run = current.getAndSet(null);
        }
        if (run != null) {
            run.close();
        }
        releaseLeadership();
    }

    /** True once the relay reads the WAL (its connector task started) and until it stops. */
    public boolean isRunning() {
        Run run = current.get();
        return run != null && run.streaming;
    }

    /** How many events this relay has published since the process started. */
    public long publishedCount() {
        return published.get();
    }

    /** How many times the relay stopped on an error (and was restarted) since the process started. */
    public long failureCount() {
        return failures.get();
    }

    /**
     * Fault injection for tests of the crash window: the next batch read from the WAL is dropped
     * as if the process died after the commit and before the publish. The relay then stops with an
     * error and restarts after {@code ponte.outbox.relay.restart-backoff}.
     */
    public void crashBeforeNextPublish() {
        crashBeforeNextPublish.set(true);
    }

    private void handleBatch(Run run, List<RecordChangeEvent<SourceRecord>> records,
                             DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        if (crashBeforeNextPublish.compareAndSet(true, false)) {
            throw new SimulatedCrash();
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        for (RecordChangeEvent<SourceRecord> change : records) {
            SourceRecord record = change.record();
            // Only outbox rows routed to a platform topic are published; Debezium's heartbeats (and
            // anything else) are just marked processed, which lets the slot's position advance.
            if (record.topic() == null || record.value() == null || Topic.fromTopicName(record.topic()).isEmpty()) {
                continue;
            }
            sends.add(run.producer.send(toProducerRecord(record)));
        }
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            // Nothing of this batch is marked processed: the engine stops and the batch is read again.
            throw new RelayPublishException("Kafka did not acknowledge the outbox batch", e);
        }
        for (RecordChangeEvent<SourceRecord> change : records) {
            committer.markProcessed(change);
        }
        committer.markBatchFinished();
        published.addAndGet(sends.size());
    }

    private static ProducerRecord<String, byte[]> toProducerRecord(SourceRecord record) {
        RecordHeaders headers = new RecordHeaders();
        // as Kafka Connect's SimpleHeaderConverter writes them: a null value (no traceparent) stays null
        for (Header header : record.headers()) {
            headers.add(header.key(), header.value() == null ? null : header.value().toString().getBytes(StandardCharsets.UTF_8));
        }
        String key = record.key() == null ? null : record.key().toString();
        byte[] value = record.value().toString().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(record.topic(), null, key, value, headers);
    }

    /** Runs on the engine's thread when it stops, cleanly or not; never blocks on this bean's lock. */
    private void onEngineStopped(Run run, boolean success, String message, Throwable error) {
        run.streaming = false;
        run.stopped.countDown();
        boolean wasCurrent = current.compareAndSet(run, null);
        run.producer.close(Duration.ofSeconds(5));
        if (!wasCurrent || (success && error == null)) {
            LOG.infof("Outbox relay stopped: %s", message);
            return;
        }
        if (slotHeldByAnotherInstance(error)) {
            // the slot is still read by a process that lost its lock (its database session ended
            // while its engine kept streaming): wait until it lets go
            standingBy = true;
            LOG.infof("Another instance relays this outbox (slot %s is in use); standing by", config.relay().slotName());
        } else {
            failures.incrementAndGet();
            if (causedBy(error, SimulatedCrash.class)) {
                LOG.warn("Outbox relay crashed on purpose before publishing (fault injection)");
            } else {
                LOG.errorf(error, "Outbox relay stopped: %s", message);
            }
            LOG.infof("Restarting the outbox relay in %d ms", config.relay().restartBackoff().toMillis());
        }
        if (wanted.get()) {
            scheduleStart();
        }
    }

    /** One pending (re)start at a time, after {@code restart-backoff}. */
    private void scheduleStart() {
        if (startScheduled.compareAndSet(false, true)) {
            restarts.schedule(() -> {
                startScheduled.set(false);
                if (wanted.get()) {
                    start();
                }
            }, config.relay().restartBackoff().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Whether this instance is the one that relays: it holds a session advisory lock named after the
     * slot on a connection of its own for as long as it relays. A process that dies loses its
     * connection and so the lock, which another instance then takes. When the database cannot be
     * asked, the engine is started anyway and fails, and the relay is restarted as after any failure.
     */
    private boolean leadership() {
        try {
            if (leaderConnection != null && leaderConnection.isValid(2)) {
                return true;
            }
            releaseLeadership();
            Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
            try (PreparedStatement lock = connection.prepareStatement(
                    "select pg_try_advisory_lock(hashtext('ponte-outbox-relay:' || ?))")) {
                lock.setString(1, config.relay().slotName());
                try (ResultSet rows = lock.executeQuery()) {
                    if (rows.next() && rows.getBoolean(1)) {
                        leaderConnection = connection;
                        return true;
                    }
                }
            }
            connection.close();
            return false;
        } catch (SQLException e) {
            LOG.debugf("Cannot ask the database who relays the outbox: %s", e.getMessage());
            return true;
        }
    }

    private synchronized void releaseLeadership() {
        if (leaderConnection != null) {
            try {
                leaderConnection.close(); // ends the session, and with it the lock
            } catch (SQLException ignored) {
                // the session is gone either way
            }
            leaderConnection = null;
        }
    }

    /** PostgreSQL's "replication slot ... is active for PID ..." (SQLSTATE 55006, object in use). */
    private static boolean slotHeldByAnotherInstance(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "55006".equals(sql.getSQLState())
                    || t.getMessage() != null && t.getMessage().contains("is active for PID")) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** One run of the engine with its own producer, so a stale callback never touches a newer run. */
    private static final class Run {
        final KafkaProducer<String, byte[]> producer;
        volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
        volatile boolean streaming;
        final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

        Run(KafkaProducer<String, byte[]> producer) {
            this.producer = producer;
        }

        void close() {
            try {
                engine.close();
                if (!stopped.await(30, TimeUnit.SECONDS)) {
                    LOG.warn("The outbox relay did not stop within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("Error closing the outbox relay", e);
            }
            producer.close(Duration.ofSeconds(5));
        }
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-outbox-relay");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /**
     * The Debezium settings this relay runs with. The Kafka Connect connectors in {@code deploy/} relay the
     * outbox on a cluster with the same ones (consent-service's KafkaConnectRelayIT checks that they agree).
     */
    public Properties engineProperties() {
        String slot = config.relay().slotName();
        Properties p = new Properties();
        p.setProperty("name", "ponte-outbox-relay-" + db.name());
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", "io.debezium.storage.jdbc.offset.JdbcOffsetBackingStore");
        p.setProperty("offset.storage.jdbc.connection.url", db.jdbcUrl());
        p.setProperty("offset.storage.jdbc.connection.user", db.user());
        p.setProperty("offset.storage.jdbc.connection.password", db.password());
        p.setProperty("offset.storage.jdbc.table.name", "outbox_relay_offsets");
        p.setProperty("offset.flush.interval.ms", String.valueOf(config.relay().offsetFlushInterval().toMillis()));
        p.setProperty("database.hostname", db.host());
        p.setProperty("database.port", String.valueOf(db.port()));
        p.setProperty("database.user", db.user());
        p.setProperty("database.password", db.password());
        p.setProperty("database.dbname", db.name());
        p.setProperty("topic.prefix", "ponte-" + db.name());
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", slot);
        // A slot another instance reads is not waited for inside the engine: it stops, and this
        // relay stands by (start()) until the slot is free.
        p.setProperty("slot.max.retries", "1");
        p.setProperty("publication.name", slot);
        p.setProperty("publication.autocreate.mode", "filtered");
        p.setProperty("table.include.list", "public.outbox");
        // A fresh slot first publishes the rows already in the table, so events written before the
        // relay ever ran are not lost; afterwards it streams from its stored position.
        p.setProperty("snapshot.mode", "initial");
        p.setProperty("tombstones.on.delete", "false");
        // OutboxPurge deletes old rows; only inserts are events
        p.setProperty("skipped.operations", "u,d,t");
        p.setProperty("transforms", "outbox");
        p.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        p.setProperty("transforms.outbox.route.by.field", "aggregatetype");
        p.setProperty("transforms.outbox.route.topic.replacement", "${routedByValue}");
        p.setProperty("transforms.outbox.table.field.event.id", "id");
        p.setProperty("transforms.outbox.table.field.event.key", "aggregateid");
        p.setProperty("transforms.outbox.table.field.event.payload", "payload");
        // traceparent: the W3C trace context of the span that wrote the row, so the trace goes on at the
        // consumers (null outside a trace, and missing from rows written before the column existed)
        p.setProperty("transforms.outbox.table.fields.additional.placement",
                "type:header:eventType,sequence:header:sequence,traceparent:header:traceparent");
        p.setProperty("transforms.outbox.table.fields.additional.error.on.missing", "false");
        p.setProperty("transforms.outbox.table.expand.json.payload", "false");
        p.setProperty("errors.max.retries", "3");
        // commit -> Kafka: a row waits at most this long to be handed over (OutboxConfig.Relay#pollInterval)
        p.setProperty("poll.interval.ms", String.valueOf(config.relay().pollInterval().toMillis()));
        // Services write far more WAL than outbox rows (e.g. the dispatcher's delivery log). Heartbeats
        // let the relay confirm its position while it only sees filtered-out changes, so the
        // replication slot does not hold back WAL.
        p.setProperty("heartbeat.interval.ms", "10000");
        return p;
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The fault injected by {@link #crashBeforeNextPublish()}. */
    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("simulated crash between commit and publish");
        }
    }

    static final class RelayPublishException extends RuntimeException {
        RelayPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
