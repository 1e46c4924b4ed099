package br.com.ponte.kit.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

@ConfigMapping(prefix = "ponte.outbox")
public interface OutboxConfig {

    Relay relay();

    /**
     * How long relayed outbox rows are kept before {@link OutboxPurge} deletes them. The relay reads
     * the WAL, not the table, so a committed row is published whether or not it still exists; the
     * retention only has to cover a relay that has never started (its first snapshot reads the
     * table) and operators looking at recent rows.
     */
    @WithDefault("7d")
    Duration retention();

    /** How often old outbox rows are purged. */
    @WithDefault("1h")
    Duration purgeEvery();

    interface Relay {
        /**
         * Run the embedded Debezium relay in this service. On Kubernetes a Kafka Connect Debezium
         * connector relays the outbox instead and this is off.
         */
        @WithDefault("true")
        boolean enabled();

        /** Logical replication slot and publication name; slots are cluster-wide, so one per database. */
        @WithName("slot-name")
        @WithDefault("ponte_outbox_${ponte.db.name}")
        String slotName();

        /** How long to wait before restarting the relay after it stopped on an error (Kafka down, ...). */
        @WithDefault("5s")
        Duration restartBackoff();

        /**
         * Debezium's {@code poll.interval.ms}: how long a batch of changes waits for more before it is
         * published, and how long the WAL reader pauses when there was nothing new. Every row can wait
         * this long between its commit and Kafka (Debezium's default, 500 ms, held rows back for as
         * much); lower wakes the relay more often for little gain ({@code bench/run outbox} measures it).
         * The connectors in {@code deploy/} use the same.
         */
        @WithDefault("50ms")
        Duration pollInterval();

        /** How often relay offsets (the position in the WAL) are flushed to the database. */
        @WithDefault("1s")
        Duration offsetFlushInterval();
    }
}
