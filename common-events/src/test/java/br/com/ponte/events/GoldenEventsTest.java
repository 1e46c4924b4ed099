package br.com.ponte.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden files are the contract: one complete envelope per event type. They validate against the
 * schemas, decode into the records and encode back unchanged; schemas and records cannot drift apart.
 */
class GoldenEventsTest {

    private static JsonNode golden(EventType type) {
        return Schemas.json(Schemas.goldenResource(type));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenValidatesAgainstTheEnvelopeSchema(EventType type) {
        JsonNode golden = golden(type);
        assertThat(Schemas.errors(Schemas.ENVELOPE, golden)).isEmpty();
        assertThat(golden.path("type").asText()).isEqualTo(type.wireName());
        assertThat(golden.path("dataschema").asText()).isEqualTo(type.dataschema());
        assertThat(golden.path("specversion").asText()).isEqualTo(EventEnvelope.SPEC_VERSION);
        assertThat(golden.path("datacontenttype").asText()).isEqualTo(EventEnvelope.CONTENT_TYPE);
        assertThat(golden.hasNonNull("partnerId")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenDataValidatesAgainstTheTypeSchema(EventType type) {
        assertThat(Schemas.errors(type.schemaResource(), golden(type).get("data"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenDecodesIntoTheRecord(EventType type) {
        EventEnvelope envelope = EventCodec.decode(Schemas.text(Schemas.goldenResource(type)));

        assertThat(envelope.eventType()).contains(type);
        assertThat(envelope.id()).isEqualTo(golden(type).path("id").asText());
        assertThat(envelope.sequence()).isEqualTo(golden(type).path("sequence").asLong());
        EventData data = envelope.dataAs(type.dataType());
        assertThat(data).isInstanceOf(type.dataType());
        // every field of the golden data is a record component, and vice versa
        assertThat(EventCodec.toTree(data)).isEqualTo(golden(type).get("data"));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void reEncodingTheDecodedGoldenGivesTheSameJson(EventType type) throws Exception {
        EventEnvelope envelope = EventCodec.decode(Schemas.text(Schemas.goldenResource(type)));

        JsonNode reEncoded = EventCodec.mapper().readTree(EventCodec.encode(envelope));
        assertThat(reEncoded).isEqualTo(golden(type));
        assertThat(EventCodec.mapper().readTree(EventCodec.encodeBytes(envelope))).isEqualTo(golden(type));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaPropertiesAreExactlyTheRecordComponents(EventType type) {
        JsonNode schema = Schemas.json(type.schemaResource());
        assertSameShape(schema, schema, type.dataType(), type.wireName());
    }

    /** Compares the schema's properties with the record's components, recursing into nested records. */
    private static void assertSameShape(JsonNode root, JsonNode schema, Class<?> recordType, String path) {
        JsonNode resolved = resolve(root, schema);
        List<String> properties = new ArrayList<>();
        resolved.path("properties").fieldNames().forEachRemaining(properties::add);
        RecordComponent[] components = recordType.getRecordComponents();
        List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();

        assertThat(properties).as("properties of %s", path).containsExactlyElementsOf(names);
        List<String> required = new ArrayList<>();
        resolved.path("required").forEach(r -> required.add(r.asText()));
        assertThat(names).as("required of %s", path).containsAll(required);
        assertThat(resolved.path("additionalProperties").asBoolean(false)).as("additionalProperties of %s", path)
                .isTrue();

        for (RecordComponent component : components) {
            JsonNode property = resolve(root, resolved.path("properties").path(component.getName()));
            String where = path + "." + component.getName();
            assertThat(property.has("type")).as("type of %s", where).isTrue();
            if (component.getType().isRecord()) {
                assertSameShape(root, property, component.getType(), where);
            }
            assertThat(jsonTypes(property)).as("JSON type of %s", where).isEqualTo(expectedJsonTypes(component));
        }
    }

    private static JsonNode resolve(JsonNode root, JsonNode schema) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            assertThat(ref).startsWith("#/");
            return root.at(ref.substring(1));
        }
        return schema;
    }

    private static List<String> jsonTypes(JsonNode property) {
        List<String> types = new ArrayList<>();
        JsonNode type = property.get("type");
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        types.remove("null");
        return types;
    }

    private static List<String> expectedJsonTypes(RecordComponent component) {
        Class<?> t = component.getType();
        if (t == String.class || t == java.time.Instant.class) {
            return List.of("string");
        }
        if (t == int.class || t == long.class || t == Integer.class || t == Long.class) {
            return List.of("integer");
        }
        if (t == boolean.class || t == Boolean.class) {
            return List.of("boolean");
        }
        if (java.util.Collection.class.isAssignableFrom(t)) {
            return List.of("array");
        }
        if (java.util.Map.class.isAssignableFrom(t) || t.isRecord()
                || t == com.fasterxml.jackson.databind.JsonNode.class) {
            return List.of("object");
        }
        throw new AssertionError("no JSON type known for " + t);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void instantsAreStringsWithTheEnvelopeTimePattern(EventType type) {
        JsonNode schema = Schemas.json(type.schemaResource());
        String timePattern = Schemas.json(Schemas.ENVELOPE).at("/properties/time/pattern").asText();
        for (RecordComponent component : type.dataType().getRecordComponents()) {
            if (component.getType() == java.time.Instant.class) {
                assertThat(schema.at("/properties/" + component.getName() + "/pattern").asText())
                        .as(component.getName()).isEqualTo(timePattern);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void anEnvelopeCreatedFromTheDataValidatesToo(EventType type) throws Exception {
        JsonNode golden = golden(type);
        EventEnvelope decoded = EventCodec.decode(golden.toString());
        EventData data = decoded.dataAs(type.dataType());

        EventEnvelope created = EventEnvelope.create(data, decoded.source(), decoded.subject(), decoded.partnerId(),
                decoded.time().plusNanos(123_456), 42);
        JsonNode tree = EventCodec.toTree(created);

        assertThat(Schemas.errors(Schemas.ENVELOPE, tree)).isEmpty();
        assertThat(Schemas.errors(type.schemaResource(), tree.get("data"))).isEmpty();
        assertThat(tree.get("type").asText()).isEqualTo(type.wireName());
        assertThat(tree.get("dataschema").asText()).isEqualTo(type.dataschema());
        assertThat(tree.get("time").asText()).isEqualTo(golden.get("time").asText());
        assertThat(tree.get("data")).isEqualTo(golden.get("data"));
        assertThat(UUID.fromString(created.id())).isNotNull();

        // same event as the golden one, given its id and sequence
        EventEnvelope same = EventEnvelope.create(UUID.fromString(decoded.id()), data, decoded.source(),
                decoded.subject(), decoded.partnerId(), decoded.time(), decoded.sequence());
        assertThat(EventCodec.mapper().readTree(EventCodec.encode(same))).isEqualTo(golden);
        assertThat(EventCodec.decode(EventCodec.encode(same))).isEqualTo(decoded);
    }

    // The schemas do assert: a few mutations of golden events each fail validation.

    @Test
    void envelopeSchemaRejectsBadAttributes() {
        JsonNode golden = golden(EventType.CONSENT_APPROVED);
        assertInvalidEnvelope(golden, e -> e.put("time", "2025-03-14T13:03:40Z"));
        assertInvalidEnvelope(golden, e -> e.put("time", "2025-03-14T13:03:40.251123Z"));
        assertInvalidEnvelope(golden, e -> e.put("time", "2025-03-14T10:03:40.251-03:00"));
        assertInvalidEnvelope(golden, e -> e.put("sequence", 0));
        assertInvalidEnvelope(golden, e -> e.put("sequence", "3"));
        assertInvalidEnvelope(golden, e -> e.put("sequence", 3.5));
        assertInvalidEnvelope(golden, e -> e.put("id", "not-a-uuid"));
        assertInvalidEnvelope(golden, e -> e.put("specversion", "0.3"));
        assertInvalidEnvelope(golden, e -> e.put("datacontenttype", "text/plain"));
        assertInvalidEnvelope(golden, e -> e.put("data", "approved"));
        for (String required : List.of("specversion", "id", "type", "source", "subject", "time", "sequence",
                "dataschema", "data")) {
            assertInvalidEnvelope(golden, e -> e.remove(required));
        }
        // additive fields and an absent partnerId are fine
        ObjectNode additive = golden.deepCopy();
        additive.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        additive.remove("partnerId");
        assertThat(Schemas.errors(Schemas.ENVELOPE, additive)).isEmpty();
    }

    @Test
    void dataSchemasRejectBadValues() {
        assertInvalidData(EventType.AFTER_CONSENT_CREATE, d -> ((ObjectNode) d.get("payment")).put("amount", "1335.9"));
        assertInvalidData(EventType.AFTER_CONSENT_CREATE, d -> ((ObjectNode) d.get("payment")).put("amount", "1.335,90"));
        assertInvalidData(EventType.AFTER_CONSENT_CREATE,
                d -> ((ObjectNode) d.get("payment")).put("creditorCpfCnpj", "11.222.333/0001-81"));
        assertInvalidData(EventType.AFTER_CONSENT_CREATE, d -> d.put("status", "AUTHORISED"));
        assertInvalidData(EventType.AFTER_CONSENT_CREATE, d -> d.put("transmitterConsentId", "C1DD33123"));
        assertInvalidData(EventType.CONSENT_APPROVED, d -> d.put("status", "APPROVED"));
        assertInvalidData(EventType.CONSENT_APPROVED, d -> d.put("authorisedAt", "2025-03-14T13:03:40Z"));
        assertInvalidData(EventType.CONSENT_APPROVED, d -> d.putNull("transmitterConsentId"));
        assertInvalidData(EventType.CONSENT_POLLING, d -> d.put("paymentStatus", "SETTLED"));
        assertInvalidData(EventType.CONSENT_POLLING, d -> d.put("attempt", 0));
        assertInvalidData(EventType.PAYMENT_STATUS_CHANGED, d -> d.put("status", "DONE"));
        assertInvalidData(EventType.PAYMENT_STATUS_CHANGED, d -> d.put("endToEndId", "E123"));
        assertInvalidData(EventType.CONSENT_FINISH, d -> d.put("outcome", "OK"));
        assertInvalidData(EventType.CONSENT_CONSUMED, d -> d.put("transmitterHttpStatus", 500));
        assertInvalidData(EventType.CERTIFICATE_EXPIRING, d -> d.put("usage", "BOTH"));
        assertInvalidData(EventType.COLLECTION_FINISHED, d -> ((ObjectNode) d.get("resourceCounts")).put("LOAN", -1));
        assertInvalidData(EventType.CONSENT_APPROVED, d -> d.remove("consentId"));

        // every Pix status the javadoc lists is accepted, and nullable fields accept null
        for (String status : List.of("RCVD", "PATC", "ACCP", "ACPD", "ACSC", "RJCT", "PDNG", "SCHD", "CANC")) {
            ObjectNode data = golden(EventType.PAYMENT_STATUS_CHANGED).get("data").deepCopy();
            data.put("status", status);
            data.putNull("previousStatus");
            data.putNull("transmitterPaymentId");
            data.putNull("endToEndId");
            assertThat(Schemas.errors(EventType.PAYMENT_STATUS_CHANGED.schemaResource(), data)).as(status).isEmpty();
        }
        ObjectNode created = golden(EventType.AFTER_CONSENT_CREATE).get("data").deepCopy();
        created.putNull("transmitterConsentId");
        ((ObjectNode) created.get("payment")).putNull("date");
        created.put("futureField", "additive change within v1");
        assertThat(Schemas.errors(EventType.AFTER_CONSENT_CREATE.schemaResource(), created)).isEmpty();
    }

    private static void assertInvalidEnvelope(JsonNode golden, Consumer<ObjectNode> mutation) {
        ObjectNode copy = golden.deepCopy();
        mutation.accept(copy);
        assertThat(Schemas.errors(Schemas.ENVELOPE, copy)).as(copy.toString()).isNotEmpty();
    }

    private static void assertInvalidData(EventType type, Consumer<ObjectNode> mutation) {
        ObjectNode data = golden(type).get("data").deepCopy();
        mutation.accept(data);
        assertThat(Schemas.errors(type.schemaResource(), data)).as(type + " " + data).isNotEmpty();
    }

    @Test
    void goldenConsentJourneyIsOrdered() {
        List<EventType> journey = List.of(EventType.BEFORE_CONSENT_CREATE, EventType.AFTER_CONSENT_CREATE,
                EventType.CONSENT_APPROVED, EventType.CONSENT_CONSUMED, EventType.CONSENT_POLLING,
                EventType.CONSENT_FINISH);
        List<EventEnvelope> events = journey.stream()
                .map(t -> EventCodec.decode(Schemas.text(Schemas.goldenResource(t))))
                .toList();
        Iterator<EventEnvelope> it = events.iterator();
        EventEnvelope previous = it.next();
        while (it.hasNext()) {
            EventEnvelope next = it.next();
            assertThat(next.subject()).isEqualTo(previous.subject());
            assertThat(next.sequence()).isGreaterThan(previous.sequence());
            assertThat(next.time()).isAfterOrEqualTo(previous.time());
            previous = next;
        }
    }
}
