package br.com.ponte.kit.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The one way a Ponte consumer treats a record that is not an event: it goes, unchanged (key, value,
 * headers), to {@code <topic>.dlq} with where it came from and why ({@code dead-letter-topic},
 * {@code -partition}, {@code -offset}, {@code -reason}), and the consumer goes on with the next
 * record. Sending is retried until the broker has it, so a record is never dropped on the way.
 * Each service sends through its own emitter channel (with tracing off, so headers stay as they were).
 */
public final class DeadLetters {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private DeadLetters() {
    }

    /** Completes when the broker has the record on {@code <topic>.dlq}. */
    public static Uni<Void> send(MutinyEmitter<String> emitter, ConsumerRecord<String, String> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        headers.add("dead-letter-reason", String.valueOf(reason).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic() + ".dlq")
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        return Uni.createFrom().deferred(() -> emitter.sendMessage(
                        Message.of(record.value() == null ? "" : record.value()).addMetadata(metadata)))
                .onFailure().retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely();
    }
}
