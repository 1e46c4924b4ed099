package br.com.ponte.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The envelope every event travels in, on Kafka and in webhooks. Field names follow CloudEvents 1.0
 * where they overlap; {@code partnerId} and {@code sequence} are Ponte's extensions.
 *
 * @param id          UUID, the idempotency key of the event
 * @param type        the catalog name, e.g. {@code consent:approved}
 * @param source      the emitting service, e.g. {@code /consent-service}
 * @param subject     the aggregate id (consent id, payment id, ...), also the Kafka key
 * @param partnerId   the partner the event belongs to
 * @param time        when the state change happened (RFC 3339, UTC, milliseconds)
 * @param sequence    per-subject, strictly increasing; orders two events of a subject whose times tie
 * @param dataschema  identifies the schema and version of {@code data}
 * @param data        the type's payload
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"specversion", "id", "type", "source", "subject", "partnerId", "time", "sequence",
        "datacontenttype", "dataschema", "data"})
public record EventEnvelope(
        String specversion,
        String id,
        String type,
        String source,
        String subject,
        String partnerId,
        Instant time,
        long sequence,
        String datacontenttype,
        String dataschema,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("id must be a UUID, was '" + id + "'");
        }
        if (subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, was " + sequence);
        }
    }

    /** Builds a new event with a fresh id. {@code time} is truncated to milliseconds. */
    public static EventEnvelope create(EventData data, String source, String subject, String partnerId,
                                       Instant time, long sequence) {
        return create(UUID.randomUUID(), data, source, subject, partnerId, time, sequence);
    }

    public static EventEnvelope create(UUID id, EventData data, String source, String subject, String partnerId,
                                       Instant time, long sequence) {
        EventType type = EventType.of(data);
        return new EventEnvelope(SPEC_VERSION, id.toString(), type.wireName(), source, subject, partnerId,
                EventTime.parse(EventTime.format(time)), sequence, CONTENT_TYPE, type.dataschema(),
                EventCodec.toTree(data));
    }

    /** The catalog entry, empty for a type this version of the library does not know. */
    @JsonIgnore
    public Optional<EventType> eventType() {
        return EventType.fromWireName(type);
    }

    /** The payload as its typed record. */
    public <T extends EventData> T dataAs(Class<T> dataType) {
        return EventCodec.fromTree(data, dataType);
    }

    /** Returns the same event with another sequence number (the outbox assigns it at write time). */
    public EventEnvelope withSequence(long newSequence) {
        return new EventEnvelope(specversion, id, type, source, subject, partnerId, time, newSequence,
                datacontenttype, dataschema, data);
    }
}
