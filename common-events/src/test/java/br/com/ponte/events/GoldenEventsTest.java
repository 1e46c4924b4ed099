package br.com.ponte.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.ParameterizedType;
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

    private static EventEnvelope decodedGolden(EventType type) {
        return EventCodec.decode(Schemas.text(Schemas.goldenResource(type)));
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
        // required lists exactly the properties that are never null; a nullable one may be absent
        List<String> nonNullable = names.stream()
                .filter(n -> !isNullable(resolve(root, resolved.path("properties").path(n))))
                .toList();
        assertThat(required).as("required (the non-nullable properties) of %s", path)
                .containsExactlyInAnyOrderElementsOf(nonNullable);
        assertThat(resolved.path("additionalProperties").asBoolean(false)).as("additionalProperties of %s", path)
                .isTrue();

        for (RecordComponent component : components) {
            JsonNode property = resolve(root, resolved.path("properties").path(component.getName()));
            String where = path + "." + component.getName();
            assertThat(property.has("type")).as("type of %s", where).isTrue();
            if (component.getType().isRecord()) {
                assertSameShape(root, property, component.getType(), where);
            }
            Class<?> element = recordElementType(component);
            if (element != null) {
                JsonNode items = resolve(root, property.path("items"));
                assertThat(items.has("type")).as("type of the items of %s", where).isTrue();
                assertThat(jsonTypes(items)).as("JSON type of the items of %s", where).isEqualTo(List.of("object"));
                assertSameShape(root, property.path("items"), element, where + "[]");
            }
            assertThat(jsonTypes(property)).as("JSON type of %s", where).isEqualTo(expectedJsonTypes(component));
        }
    }

    /** The element type of a collection of records ({@code List<SharingSessionConsent>}), else null. */
    private static Class<?> recordElementType(RecordComponent component) {
        if (java.util.Collection.class.isAssignableFrom(component.getType())
                && component.getGenericType() instanceof ParameterizedType generic
                && generic.getActualTypeArguments()[0] instanceof Class<?> element
                && element.isRecord()) {
            return element;
        }
        return null;
    }

    private static boolean isNullable(JsonNode property) {
        JsonNode type = property.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (t.asText().equals("null")) {
                    return true;
                }
            }
        }
        return false;
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
        assertInvalidData(EventType.COLLECTION_FINISHED, d -> ((ObjectNode) d.get("counts")).put("LOAN_CONTRACT", -1));
        assertInvalidData(EventType.COLLECTION_FINISHED, d -> d.put("group", "LOANS"));
        assertInvalidData(EventType.COLLECTION_STARTED, d -> d.put("trigger", "SCHEDULED"));
        assertInvalidData(EventType.COLLECTION_STARTED, d -> d.putArray("operations"));
        assertInvalidData(EventType.COLLECTION_FAILED, d -> d.put("attempts", -1));
        assertInvalidData(EventType.COLLECTION_TRANSACTIONS_AVAILABLE, d -> d.put("cursor", "abc"));
        assertInvalidData(EventType.COLLECTION_TRANSACTIONS_AVAILABLE, d -> d.put("resourceType", "LOAN"));
        assertInvalidData(EventType.COLLECTION_BUDGET_LOW, d -> d.put("month", "2025-13"));
        assertInvalidData(EventType.COLLECTION_DATA_DELETED, d -> d.put("reason", "FORGOTTEN"));
        assertInvalidData(EventType.CONSENT_APPROVED, d -> d.remove("consentId"));
        assertInvalidData(EventType.AUDIT_RECORDED, d -> d.put("actorType", "ROBOT"));
        assertInvalidData(EventType.AUDIT_RECORDED, d -> d.put("action", "Certificate Revoked"));
        assertInvalidData(EventType.AUDIT_RECORDED, d -> d.put("resourceType", "Certificate"));
        assertInvalidData(EventType.AUDIT_RECORDED, d -> ((ObjectNode) d.get("details")).put("attempts", 3));
        assertInvalidData(EventType.AUDIT_RECORDED, d -> d.putNull("details"));
        assertInvalidData(EventType.AUDIT_RECORDED, d -> d.put("traceparent", "not-a-traceparent"));
        assertInvalidData(EventType.AUDIT_RECORDED, d -> d.remove("resourceId"));

        // every Pix status the javadoc lists is accepted, and nullable fields accept null
        for (String status : List.of("RCVD", "PATC", "ACCP", "ACPD", "ACSC", "RJCT", "PDNG", "SCHD", "CANC")) {
            ObjectNode data = golden(EventType.PAYMENT_STATUS_CHANGED).get("data").deepCopy();
            data.put("status", status);
            data.putNull("previousStatus");
            data.putNull("transmitterPaymentId");
            data.putNull("endToEndId");
            assertThat(Schemas.errors(EventType.PAYMENT_STATUS_CHANGED.schemaResource(), data)).as(status).isEmpty();
        }
        // every actor is accepted; an operator has no id and an action outside a request no traceparent
        for (String actor : List.of("OPERATOR", "PARTNER", "SERVICE", "USER", "BANK", "SYSTEM")) {
            ObjectNode audit = golden(EventType.AUDIT_RECORDED).get("data").deepCopy();
            audit.put("actorType", actor);
            audit.putNull("actorId");
            audit.putNull("traceparent");
            audit.putObject("details");
            assertThat(Schemas.errors(EventType.AUDIT_RECORDED.schemaResource(), audit)).as(actor).isEmpty();
        }
        ObjectNode created = golden(EventType.AFTER_CONSENT_CREATE).get("data").deepCopy();
        created.putNull("transmitterConsentId");
        ((ObjectNode) created.get("payment")).putNull("date");
        created.put("futureField", "additive change within v1");
        assertThat(Schemas.errors(EventType.AFTER_CONSENT_CREATE.schemaResource(), created)).isEmpty();
    }

    @Test
    void sharingDataSchemasRejectBadValues() {
        assertInvalidData(EventType.SHARING_SESSION_STARTED, d -> d.put("durationMonths", 0));
        assertInvalidData(EventType.SHARING_SESSION_STARTED, d -> d.put("durationMonths", 13));
        assertInvalidData(EventType.SHARING_SESSION_STARTED, d -> d.put("durationMonths", 6.5));
        assertInvalidData(EventType.SHARING_SESSION_STARTED, d -> d.putArray("requestedGroups"));
        assertInvalidData(EventType.SHARING_SESSION_STARTED,
                d -> d.putArray("requestedGroups").add("ACCOUNTS_BALANCES").add("ACCOUNTS_BALANCES"));
        assertInvalidData(EventType.SHARING_SESSION_STARTED, d -> d.putArray("requestedGroups").add("Saldos"));
        assertInvalidData(EventType.SHARING_SESSION_STARTED,
                d -> d.putArray("mandatoryGroups").add("accounts_balances"));
        assertInvalidData(EventType.SHARING_SESSION_STARTED,
                d -> d.putArray("mandatoryGroups").add("ACCOUNTS_BALANCES").add("ACCOUNTS_BALANCES"));
        assertInvalidData(EventType.SHARING_SESSION_STARTED, d -> d.putNull("mandatoryGroups"));
        assertInvalidData(EventType.SHARING_SESSION_STARTED, d -> d.putArray("institutions"));
        assertInvalidData(EventType.SHARING_SESSION_STARTED, d -> d.putArray("institutions").add(""));
        assertInvalidData(EventType.SHARING_SESSION_STARTED, d -> d.put("expiresAt", "2025-03-16T10:58:40Z"));
        assertInvalidData(EventType.SHARING_SESSION_STARTED, d -> d.remove("purpose"));
        assertInvalidData(EventType.SHARING_SESSION_FINISHED, d -> d.put("outcome", "CANCELLED"));
        assertInvalidData(EventType.SHARING_SESSION_FINISHED, d -> d.putNull("consents"));
        assertInvalidData(EventType.SHARING_SESSION_FINISHED, d -> d.putArray("consents").add("consent"));
        assertInvalidData(EventType.SHARING_SESSION_FINISHED,
                d -> ((ObjectNode) d.get("consents").get(0)).put("status", "REVOKED"));
        for (String field : List.of("consentId", "transmitter", "status")) {
            assertInvalidData(EventType.SHARING_SESSION_FINISHED,
                    d -> ((ObjectNode) d.get("consents").get(0)).remove(field));
            assertInvalidData(EventType.SHARING_SESSION_FINISHED,
                    d -> ((ObjectNode) d.get("consents").get(0)).putNull(field));
        }
        assertInvalidData(EventType.SHARING_CONSENT_CREATED, d -> d.put("status", "AUTHORISED"));
        assertInvalidData(EventType.SHARING_CONSENT_CREATED, d -> d.putArray("permissions"));
        assertInvalidData(EventType.SHARING_CONSENT_CREATED, d -> d.putArray("permissions").add("accounts_read"));
        assertInvalidData(EventType.SHARING_CONSENT_CREATED,
                d -> d.putArray("permissions").add("ACCOUNTS_READ").add("ACCOUNTS_READ"));
        assertInvalidData(EventType.SHARING_CONSENT_CREATED, d -> d.put("transmitterConsentId", "7f3c2e9a"));
        assertInvalidData(EventType.SHARING_CONSENT_CREATED, d -> d.put("expirationDateTime", "2026-03-16"));
        assertInvalidData(EventType.SHARING_CONSENT_AUTHORISED, d -> d.putNull("authorisedAt"));
        assertInvalidData(EventType.SHARING_CONSENT_AUTHORISED, d -> d.put("consentId", ""));
        assertInvalidData(EventType.SHARING_CONSENT_REJECTED, d -> d.put("rejectedBy", "PARTNER"));
        assertInvalidData(EventType.SHARING_CONSENT_REJECTED, d -> d.put("reasonCode", "recusado pelo cliente"));
        assertInvalidData(EventType.SHARING_CONSENT_REJECTED, d -> d.putNull("reasonCode"));
        assertInvalidData(EventType.SHARING_CONSENT_REVOKED, d -> d.put("revokedBy", "ASPSP"));
        assertInvalidData(EventType.SHARING_CONSENT_REVOKED, d -> d.put("channel", "APP"));
        assertInvalidData(EventType.SHARING_CONSENT_REVOKED, d -> d.putNull("reasonCode"));
        assertInvalidData(EventType.SHARING_CONSENT_REVOKED, d -> d.putNull("revokedAt"));
        assertInvalidData(EventType.SHARING_CONSENT_EXPIRED, d -> d.put("previousStatus", "REJECTED"));
        assertInvalidData(EventType.SHARING_CONSENT_EXPIRED, d -> d.put("reasonCode", "CUSTOMER_MANUALLY_REJECTED"));
        // CONSENT_MAX_DATE_REACHED is the term of an authorised consent, CONSENT_EXPIRED an unauthorised one's window
        assertInvalidData(EventType.SHARING_CONSENT_EXPIRED, d -> d.put("previousStatus", "AWAITING_AUTHORISATION"));
        assertInvalidData(EventType.SHARING_CONSENT_EXPIRED, d -> d.putNull("expirationDateTime"));
        assertInvalidData(EventType.SHARING_CONSENT_EXPIRED, d -> d.remove("expirationDateTime"));
        assertInvalidData(EventType.SHARING_CONSENT_EXPIRED, d -> d.put("reasonCode", "CONSENT_EXPIRED"));
        assertInvalidData(EventType.SHARING_CONSENT_EXTENDED, d -> d.put("requestedBy", "TRANSMITTER"));
        assertInvalidData(EventType.SHARING_CONSENT_EXTENDED, d -> d.put("expirationDateTime", "2027-03-02T19:05:41Z"));
        assertInvalidData(EventType.SHARING_CONSENT_EXPIRING, d -> d.put("daysLeft", -1));
        assertInvalidData(EventType.SHARING_CONSENT_EXPIRING, d -> d.put("daysLeft", 1.5));
        assertInvalidData(EventType.SHARING_CONSENT_EXPIRING, d -> d.putNull("expirationDateTime"));
        assertInvalidData(EventType.SHARING_RESOURCE_SHARED, d -> d.put("resourceType", "account"));
        assertInvalidData(EventType.SHARING_RESOURCE_SHARED, d -> d.put("resourceId", ""));
        assertInvalidData(EventType.SHARING_RESOURCE_SHARED, d -> d.putArray("permissions"));
        assertInvalidData(EventType.SHARING_RESOURCE_MULTIPLE_APPROVAL, d -> d.putNull("pendingSince"));
        assertInvalidData(EventType.SHARING_RESOURCE_MULTIPLE_APPROVAL, d -> d.put("resourceType", "CONTA CONJUNTA"));
        assertInvalidData(EventType.SHARING_RESOURCE_PENDING, d -> d.putNull("approvalDeadline"));
        assertInvalidData(EventType.SHARING_RESOURCE_STATUS_CHANGED, d -> d.put("status", "BLOCKED"));
        assertInvalidData(EventType.SHARING_RESOURCE_STATUS_CHANGED, d -> d.putNull("previousStatus"));
        // every consent and resource event names its consent at the institution, and its session
        for (EventType type : EventType.values()) {
            if (type.topic() == Topic.SHARING && !isSessionEvent(type)) {
                assertInvalidData(type, d -> d.putNull("transmitterConsentId"));
                assertInvalidData(type, d -> d.remove("transmitterConsentId"));
                assertInvalidData(type, d -> d.put("transmitterConsentId", "urn:bancosandbox"));
                assertInvalidData(type, d -> d.remove("sessionId"));
                assertInvalidData(type, d -> d.remove("consentId"));
                assertInvalidData(type, d -> d.put("transmitter", ""));
            }
        }
    }

    @Test
    void sharingDataSchemasAcceptEveryListedValueAndNull() {
        ObjectNode started = golden(EventType.SHARING_SESSION_STARTED).get("data").deepCopy();
        started.putNull("durationMonths");
        started.putNull("institutions");
        started.putArray("mandatoryGroups");
        assertValidData(EventType.SHARING_SESSION_STARTED, started);
        for (int months : new int[]{1, 12}) {
            assertValidData(EventType.SHARING_SESSION_STARTED, started.deepCopy().put("durationMonths", months));
        }

        ObjectNode expired = golden(EventType.SHARING_SESSION_FINISHED).get("data").deepCopy();
        expired.put("outcome", "EXPIRED");
        expired.putArray("consents");
        assertValidData(EventType.SHARING_SESSION_FINISHED, expired);
        for (String status : List.of("AWAITING_AUTHORISATION", "AUTHORISED", "REJECTED")) {
            ObjectNode finished = golden(EventType.SHARING_SESSION_FINISHED).get("data").deepCopy();
            ((ObjectNode) finished.get("consents").get(0)).put("status", status);
            assertValidData(EventType.SHARING_SESSION_FINISHED, finished);
        }

        // an indefinite consent: no term anywhere
        for (EventType type : List.of(EventType.SHARING_CONSENT_CREATED, EventType.SHARING_CONSENT_AUTHORISED,
                EventType.SHARING_RESOURCE_SHARED, EventType.SHARING_RESOURCE_MULTIPLE_APPROVAL)) {
            ObjectNode data = golden(type).get("data").deepCopy();
            data.putNull("expirationDateTime");
            assertValidData(type, data);
        }
        ObjectNode extended = golden(EventType.SHARING_CONSENT_EXTENDED).get("data").deepCopy();
        extended.putNull("previousExpirationDateTime");
        extended.putNull("expirationDateTime");
        extended.put("requestedBy", "PARTNER");
        assertValidData(EventType.SHARING_CONSENT_EXTENDED, extended);

        for (String rejectedBy : List.of("USER", "ASPSP", "TPP")) {
            ObjectNode rejected = golden(EventType.SHARING_CONSENT_REJECTED).get("data").deepCopy();
            rejected.put("rejectedBy", rejectedBy);
            rejected.putNull("reasonDetail");
            assertValidData(EventType.SHARING_CONSENT_REJECTED, rejected);
        }
        for (String revokedBy : List.of("USER", "PARTNER", "TRANSMITTER")) {
            for (String channel : List.of("PONTE", "TRANSMITTER", "PARTNER_API")) {
                ObjectNode revoked = golden(EventType.SHARING_CONSENT_REVOKED).get("data").deepCopy();
                revoked.put("revokedBy", revokedBy);
                revoked.put("channel", channel);
                revoked.putNull("reasonDetail");
                assertValidData(EventType.SHARING_CONSENT_REVOKED, revoked);
            }
        }

        // not authorised in time: no term needed
        ObjectNode unauthorised = golden(EventType.SHARING_CONSENT_EXPIRED).get("data").deepCopy();
        unauthorised.put("reasonCode", "CONSENT_EXPIRED");
        unauthorised.put("previousStatus", "AWAITING_AUTHORISATION");
        unauthorised.putNull("expirationDateTime");
        assertValidData(EventType.SHARING_CONSENT_EXPIRED, unauthorised);
        assertValidData(EventType.SHARING_CONSENT_EXPIRED,
                unauthorised.deepCopy().put("expirationDateTime", "2026-03-16T10:29:51.000Z"));

        assertValidData(EventType.SHARING_CONSENT_EXPIRING,
                ((ObjectNode) golden(EventType.SHARING_CONSENT_EXPIRING).get("data")).put("daysLeft", 0));

        List<String> resourceStatuses = List.of("AVAILABLE", "UNAVAILABLE", "TEMPORARILY_UNAVAILABLE",
                "PENDING_AUTHORISATION");
        for (String previous : resourceStatuses) {
            for (String status : resourceStatuses) {
                ObjectNode changed = golden(EventType.SHARING_RESOURCE_STATUS_CHANGED).get("data").deepCopy();
                changed.put("previousStatus", previous);
                changed.put("status", status);
                assertValidData(EventType.SHARING_RESOURCE_STATUS_CHANGED, changed);
            }
        }
        for (String resourceType : List.of("ACCOUNT", "CREDIT_CARD_ACCOUNT", "LOAN", "FINANCING",
                "UNARRANGED_ACCOUNT_OVERDRAFT", "INVOICE_FINANCING")) {
            ObjectNode shared = (ObjectNode) golden(EventType.SHARING_RESOURCE_SHARED).get("data");
            assertValidData(EventType.SHARING_RESOURCE_SHARED, shared.put("resourceType", resourceType));
        }

        ObjectNode additive = golden(EventType.SHARING_RESOURCE_SHARED).get("data").deepCopy();
        additive.put("futureField", "additive change within v1");
        assertValidData(EventType.SHARING_RESOURCE_SHARED, additive);
        ObjectNode nestedAdditive = golden(EventType.SHARING_SESSION_FINISHED).get("data").deepCopy();
        ((ObjectNode) nestedAdditive.get("consents").get(0)).put("futureField", "additive change within v1");
        assertValidData(EventType.SHARING_SESSION_FINISHED, nestedAdditive);
    }

    private static boolean isSessionEvent(EventType type) {
        return type == EventType.SHARING_SESSION_STARTED || type == EventType.SHARING_SESSION_FINISHED;
    }

    private static void assertValidData(EventType type, JsonNode data) {
        assertThat(Schemas.errors(type.schemaResource(), data)).as(type + " " + data).isEmpty();
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

    /** The sharing consent samples: one consent, its resources and its end, all on the consent id. */
    private static final List<EventType> SHARING_CONSENT_STORY = List.of(EventType.SHARING_CONSENT_CREATED,
            EventType.SHARING_CONSENT_AUTHORISED, EventType.SHARING_RESOURCE_SHARED, EventType.SHARING_RESOURCE_PENDING,
            EventType.SHARING_RESOURCE_MULTIPLE_APPROVAL, EventType.SHARING_RESOURCE_STATUS_CHANGED,
            EventType.SHARING_CONSENT_EXTENDED, EventType.SHARING_CONSENT_EXPIRING, EventType.SHARING_CONSENT_REVOKED);

    @Test
    void goldenSharingConsentStoryIsOrdered() {
        List<EventEnvelope> events = SHARING_CONSENT_STORY.stream().map(GoldenEventsTest::decodedGolden).toList();
        Iterator<EventEnvelope> it = events.iterator();
        EventEnvelope previous = it.next();
        assertThat(previous.sequence()).isEqualTo(1);
        while (it.hasNext()) {
            EventEnvelope next = it.next();
            assertThat(next.subject()).isEqualTo(previous.subject());
            assertThat(next.sequence()).isGreaterThan(previous.sequence());
            assertThat(next.time()).isAfterOrEqualTo(previous.time());
            // one consent: same session, institution and consent id at the institution throughout
            for (String field : List.of("sessionId", "consentId", "transmitter", "transmitterConsentId")) {
                assertThat(next.data().get(field)).as(next.type() + " " + field).isEqualTo(previous.data().get(field));
            }
            previous = next;
        }
    }

    /** The collection samples: one sharing consent's collection, from its start to its data deleted. */
    private static final List<EventType> COLLECTION_STORY = List.of(EventType.COLLECTION_STARTED,
            EventType.COLLECTION_TRANSACTIONS_AVAILABLE, EventType.COLLECTION_FINISHED, EventType.COLLECTION_BUDGET_LOW,
            EventType.COLLECTION_FAILED, EventType.COLLECTION_DATA_DELETED);

    @Test
    void goldenCollectionStoryIsOrderedOnTheSharingConsent() {
        List<EventEnvelope> events = COLLECTION_STORY.stream().map(GoldenEventsTest::decodedGolden).toList();
        assertThat(events.get(0).data().get("collectionId")).isEqualTo(events.get(2).data().get("collectionId"));
        Iterator<EventEnvelope> it = events.iterator();
        EventEnvelope previous = it.next();
        while (it.hasNext()) {
            EventEnvelope next = it.next();
            assertThat(next.subject()).isEqualTo(previous.subject());
            assertThat("collection:" + next.data().get("consentId").asText()).as(next.type()).isEqualTo(next.subject());
            assertThat(next.sequence()).isGreaterThan(previous.sequence());
            assertThat(next.time()).isAfterOrEqualTo(previous.time());
            previous = next;
        }
        // the story's consent is the sharing story's, under a subject of its own (one writer per subject)
        assertThat(events.get(0).subject()).isEqualTo("collection:" + decodedGolden(EventType.SHARING_CONSENT_AUTHORISED).subject());
    }

    @Test
    void goldenAuditEventIsOnItsResourceUnderASubjectOfItsOwn() {
        EventEnvelope audit = decodedGolden(EventType.AUDIT_RECORDED);
        JsonNode data = audit.data();
        // audit:<resourceType>:<resourceId>, not the resource's own subject: its events keep their sequence
        assertThat(audit.subject()).isEqualTo("audit:" + data.get("resourceType").asText() + ":" + data.get("resourceId").asText());
        assertThat(audit.eventType()).contains(EventType.AUDIT_RECORDED);
        assertThat(EventType.AUDIT_RECORDED.topic()).isEqualTo(Topic.AUDIT);
    }

    @Test
    void goldenSharingSessionHoldsTheConsentsMadeInIt() {
        EventEnvelope started = decodedGolden(EventType.SHARING_SESSION_STARTED);
        EventEnvelope finished = decodedGolden(EventType.SHARING_SESSION_FINISHED);
        assertThat(finished.subject()).isEqualTo(started.subject());
        assertThat(finished.sequence()).isGreaterThan(started.sequence());
        assertThat(finished.time()).isAfterOrEqualTo(started.time());

        // the story's consent (authorised) and the rejected one were made in this session, at offered institutions
        JsonNode offered = started.data().get("institutions");
        JsonNode consents = finished.data().get("consents");
        for (EventType type : List.of(EventType.SHARING_CONSENT_AUTHORISED, EventType.SHARING_CONSENT_REJECTED)) {
            EventEnvelope event = decodedGolden(type);
            assertThat(event.data().get("sessionId").asText()).as(type.wireName()).isEqualTo(started.subject());
            assertThat(offered).as(type.wireName()).contains(event.data().get("transmitter"));
            assertThat(event.time()).as(type.wireName()).isBetween(started.time(), finished.time());
            ObjectNode expected = EventCodec.mapper().createObjectNode()
                    .put("consentId", event.subject())
                    .put("transmitter", event.data().get("transmitter").asText())
                    .put("status", type == EventType.SHARING_CONSENT_AUTHORISED ? "AUTHORISED" : "REJECTED");
            assertThat(consents).as(type.wireName()).contains(expected);
        }
        assertThat(consents).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenSharingEventsAreOnTheirSessionOrConsent(EventType type) {
        if (type.topic() != Topic.SHARING) {
            return;
        }
        JsonNode golden = golden(type);
        String subject = golden.get("subject").asText();
        assertThat(UUID.fromString(subject).toString()).isEqualTo(subject);
        // session events on the session id; consent and resource events on Ponte's consent id
        String key = isSessionEvent(type) ? "sessionId" : "consentId";
        assertThat(golden.at("/data/" + key).asText()).as(type.wireName()).isEqualTo(subject);
    }
}
