package br.com.ponte.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * JSON serialisation of events. Writing is strict and stable (instants always with milliseconds);
 * reading tolerates unknown fields, so a newer producer's additive fields never break a consumer.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("ponte-event-time")
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    // one JSON value and nothing after it: "{...} garbage" or two concatenated events are not an event
    private static final ObjectReader ONE_VALUE = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EventCodec() {
    }

    /** The mapper events are written with; share it rather than building another. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String encode(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise event " + envelope.id(), e);
        }
    }

    public static byte[] encodeBytes(EventEnvelope envelope) {
        return encode(envelope).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads an envelope. Anything that is not JSON, or lacks a required attribute, is a
     * {@link MalformedEventException}; an unknown {@code type} is not (see {@link EventEnvelope#eventType()}).
     */
    public static EventEnvelope decode(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty event");
        }
        JsonNode tree;
        try {
            tree = ONE_VALUE.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("event is not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedEventException("event is not a JSON object");
        }
        for (String field : new String[]{"id", "type", "source", "subject", "time", "sequence", "data"}) {
            if (!tree.hasNonNull(field)) {
                throw new MalformedEventException("event lacks '" + field + "'");
            }
        }
        if (!tree.get("sequence").canConvertToLong() || !tree.get("sequence").isIntegralNumber()) {
            throw new MalformedEventException("event 'sequence' is not an integer");
        }
        if (!tree.get("data").isObject()) {
            throw new MalformedEventException("event 'data' is not a JSON object");
        }
        try {
            return MAPPER.treeToValue(tree, EventEnvelope.class);
        } catch (JsonProcessingException | RuntimeException e) {
            // includes the envelope's own checks (e.g. sequence < 1), however Jackson surfaces them
            throw new MalformedEventException("event is malformed: " + e.getMessage(), e);
        }
    }

    public static EventEnvelope decode(byte[] json) {
        return decode(json == null ? null : new String(json, StandardCharsets.UTF_8));
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static <T> T fromTree(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("data is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("data is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(EventTime.format(value));
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null || !p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            try {
                return EventTime.parse(text);
            } catch (DateTimeException e) {
                throw ctxt.weirdStringException(text, Instant.class, "not an RFC 3339 instant");
            }
        }
    }
}
