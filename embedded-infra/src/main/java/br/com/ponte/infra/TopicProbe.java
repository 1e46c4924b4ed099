package br.com.ponte.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Reads a topic from the beginning, as a test observes it: {@code awaitRecords(r -> key.equals(r.key()), 2, ...)}.
 * Each probe is its own consumer group, so probes never steal records from each other or from services.
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    /** Keyed by partition and offset: a consumer may fetch a record again after a rebalance; a test must not see it twice. */
    private final java.util.Map<String, ConsumerRecord<String, String>> seen = new java.util.LinkedHashMap<>();

    private TopicProbe(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(topic));
    }

    public static TopicProbe subscribe(String bootstrapServers, String topic) {
        return new TopicProbe(bootstrapServers, topic);
    }

    /**
     * Waits until {@code count} matching records were read (in topic order) and returns them; fails
     * with the records seen so far when the timeout passes first.
     */
    public List<ConsumerRecord<String, String>> awaitRecords(Predicate<ConsumerRecord<String, String>> filter,
                                                             int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (matching(filter).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " matching records within " + timeout
                        + ", got " + matching(filter).size() + ": " + matching(filter));
            }
            poll();
        }
        return matching(filter);
    }

    /** Every matching record read within {@code window}; for asserting that nothing (more) arrives. */
    public List<ConsumerRecord<String, String>> recordsWithin(Predicate<ConsumerRecord<String, String>> filter,
                                                              Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            poll();
        }
        return matching(filter);
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            seen.putIfAbsent(record.partition() + "@" + record.offset(), record);
        }
    }

    private List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> filter) {
        return seen.values().stream().filter(filter).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
