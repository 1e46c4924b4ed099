package br.com.ponte.events;

import br.com.ponte.events.data.ConsentApproved;
import br.com.ponte.events.data.ConsentPolled;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private static final String CONSENT = "6f0c2b8e-3a1d-4c5e-9b7f-2d8e1a4c6b90";
    private static final String PARTNER = "3f1c9a52-7d4e-4b8a-9f0e-2c6d8b1a4e73";

    private static EventEnvelope approvedAt(Instant time) {
        ConsentApproved data = new ConsentApproved(CONSENT, "urn:bancoex:C1DD33123", "AUTHORISED",
                time, time.plusSeconds(3600));
        return EventEnvelope.create(data, "/consent-service", CONSENT, PARTNER, time, 3);
    }

    private static ObjectNode goldenApproved() {
        return (ObjectNode) Schemas.json(Schemas.goldenResource(EventType.CONSENT_APPROVED));
    }

    private static String mutated(Consumer<ObjectNode> mutation) {
        ObjectNode node = goldenApproved();
        mutation.accept(node);
        return node.toString();
    }

    // --- time ------------------------------------------------------------------------------------

    @Test
    void timeWithoutFractionIsWrittenWithMilliseconds() {
        Instant noon = Instant.parse("2025-03-14T12:00:00Z");
        JsonNode tree = EventCodec.toTree(approvedAt(noon));

        assertThat(tree.get("time").asText()).isEqualTo("2025-03-14T12:00:00.000Z");
        assertThat(tree.at("/data/authorisedAt").asText()).isEqualTo("2025-03-14T12:00:00.000Z");
        assertThat(tree.at("/data/expirationDateTime").asText()).isEqualTo("2025-03-14T13:00:00.000Z");
        assertThat(EventCodec.encode(approvedAt(noon))).contains("\"time\":\"2025-03-14T12:00:00.000Z\"");
    }

    @Test
    void timeWithMicrosIsTruncatedToMilliseconds() {
        Instant precise = Instant.parse("2025-03-14T12:00:00.123987654Z");
        EventEnvelope envelope = approvedAt(precise);

        assertThat(envelope.time()).isEqualTo(Instant.parse("2025-03-14T12:00:00.123Z"));
        JsonNode tree = EventCodec.toTree(envelope);
        assertThat(tree.get("time").asText()).isEqualTo("2025-03-14T12:00:00.123Z");
        assertThat(tree.at("/data/authorisedAt").asText()).isEqualTo("2025-03-14T12:00:00.123Z");
        assertThat(EventTime.format(Instant.parse("2025-03-14T12:00:00.000999Z"))).isEqualTo("2025-03-14T12:00:00.000Z");
        assertThat(EventTime.format(Instant.parse("2025-03-14T12:00:00.999999Z"))).isEqualTo("2025-03-14T12:00:00.999Z");
    }

    @Test
    void timeIsAlwaysWrittenInUtc() {
        String json = mutated(e -> e.put("time", "2025-03-14T10:03:40.251-03:00"));
        EventEnvelope envelope = EventCodec.decode(json);

        assertThat(envelope.time()).isEqualTo(Instant.parse("2025-03-14T13:03:40.251Z"));
        assertThat(EventCodec.toTree(envelope).get("time").asText()).isEqualTo("2025-03-14T13:03:40.251Z");
    }

    @Test
    void decodedTimeKeepsMillisecondPrecision() {
        EventEnvelope envelope = EventCodec.decode(mutated(e -> e.put("time", "2025-03-14T13:03:40.251999Z")));
        assertThat(envelope.time()).isEqualTo(Instant.parse("2025-03-14T13:03:40.251Z"));
    }

    @Test
    void eventTimeNowHasMilliseconds() {
        Instant now = EventTime.now(java.time.Clock.fixed(Instant.parse("2025-03-14T12:00:00.123456Z"),
                java.time.ZoneOffset.UTC));
        assertThat(now).isEqualTo(Instant.parse("2025-03-14T12:00:00.123Z"));
        assertThat(EventTime.now().getNano() % 1_000_000).isZero();
    }

    // --- round trip and tolerance ----------------------------------------------------------------

    @Test
    void roundTrip() {
        EventEnvelope envelope = approvedAt(Instant.parse("2025-03-14T13:03:40.251Z"));
        EventEnvelope decoded = EventCodec.decode(EventCodec.encodeBytes(envelope));

        assertThat(decoded).isEqualTo(envelope);
        assertThat(decoded.dataAs(ConsentApproved.class).status()).isEqualTo("AUTHORISED");
    }

    @Test
    void encodeWritesAttributesInEnvelopeOrderAndOmitsNulls() {
        EventEnvelope withoutPartner = EventEnvelope.create(new ConsentPolled(CONSENT, "p-1", "ACPD", 1),
                "/payment-service", CONSENT, null, Instant.parse("2025-03-14T13:04:09.640Z"), 5);
        String json = EventCodec.encode(withoutPartner);

        assertThat(json).startsWith("{\"specversion\":\"1.0\",\"id\":\"").doesNotContain("partnerId");
        assertThat(json).containsSubsequence("\"type\"", "\"source\"", "\"subject\"", "\"time\"", "\"sequence\"",
                "\"datacontenttype\"", "\"dataschema\"", "\"data\"");
        assertThat(EventCodec.decode(json).partnerId()).isNull();
    }

    @Test
    void unknownTopLevelFieldsAreTolerated() {
        String json = mutated(e -> {
            e.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
            e.putObject("extension").put("nested", true);
        });
        EventEnvelope envelope = EventCodec.decode(json);

        assertThat(envelope.eventType()).contains(EventType.CONSENT_APPROVED);
        assertThat(envelope.dataAs(ConsentApproved.class).consentId()).isEqualTo(CONSENT);
    }

    @Test
    void unknownDataFieldsAreTolerated() {
        String json = mutated(e -> {
            ObjectNode data = (ObjectNode) e.get("data");
            data.put("approverCount", 2);
            data.putObject("debtorAccount").put("ispb", "90400888");
        });
        ConsentApproved data = EventCodec.decode(json).dataAs(ConsentApproved.class);

        assertThat(data.transmitterConsentId()).isEqualTo("urn:bancoex:C1DD33123");
        assertThat(data.expirationDateTime()).isEqualTo(Instant.parse("2025-03-14T14:03:40.251Z"));
    }

    @Test
    void missingOptionalAttributesAreTolerated() {
        EventEnvelope envelope = EventCodec.decode(mutated(e -> {
            e.remove("specversion");
            e.remove("partnerId");
            e.remove("datacontenttype");
            e.remove("dataschema");
        }));
        assertThat(envelope.partnerId()).isNull();
        assertThat(envelope.eventType()).contains(EventType.CONSENT_APPROVED);
    }

    @Test
    void unknownTypeDecodesWithoutCatalogEntry() {
        EventEnvelope envelope = EventCodec.decode(mutated(e -> {
            e.put("type", "consent:teleported");
            e.put("dataschema", "urn:ponte:events:consent:teleported:v1");
        }));

        assertThat(envelope.eventType()).isEmpty();
        assertThat(envelope.type()).isEqualTo("consent:teleported");
        assertThat(envelope.data().get("consentId").asText()).isEqualTo(CONSENT);
        assertThat(Schemas.json(Schemas.goldenResource(EventType.CONSENT_APPROVED)).get("data"))
                .isEqualTo(envelope.data());
    }

    @Test
    void withSequenceKeepsEverythingElse() {
        EventEnvelope envelope = approvedAt(Instant.parse("2025-03-14T13:03:40.251Z"));
        EventEnvelope renumbered = envelope.withSequence(7);

        assertThat(renumbered.sequence()).isEqualTo(7);
        assertThat(renumbered.withSequence(3)).isEqualTo(envelope);
        assertThatThrownBy(() -> envelope.withSequence(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createWithAGivenIdKeepsIt() {
        UUID id = UUID.fromString("2d8b5e3a-1f6c-4b4d-a09e-7c3f5d1b8a42");
        EventEnvelope envelope = EventEnvelope.create(id, new ConsentPolled(CONSENT, "p-1", "ACSC", 3),
                "/payment-service", CONSENT, PARTNER, Instant.parse("2025-03-14T13:04:09.640Z"), 5);

        assertThat(envelope.id()).isEqualTo(id.toString());
        assertThat(envelope.specversion()).isEqualTo("1.0");
        assertThat(envelope.datacontenttype()).isEqualTo("application/json");
        assertThat(envelope.dataschema()).isEqualTo("urn:ponte:events:consent:polling:v1");
        assertThat(envelope.eventType()).contains(EventType.CONSENT_POLLING);
    }

    // --- malformed input -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "{", "{\"id\":", "[]", "[{\"id\":\"x\"}]", "42", "\"event\"",
            "null", "true"})
    void notAJsonObjectIsMalformed(String json) {
        assertThatThrownBy(() -> EventCodec.decode(json)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void nullAndGarbageBytesAreMalformed() {
        assertThatThrownBy(() -> EventCodec.decode((String) null)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventCodec.decode((byte[]) null)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventCodec.decode(new byte[]{(byte) 0xff, (byte) 0xfe, 0x00}))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventCodec.decode("\u00e9v\u00e9nement".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void trailingContentAfterTheObjectIsMalformed() {
        String golden = goldenApproved().toString();
        assertThatThrownBy(() -> EventCodec.decode(golden + " garbage")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventCodec.decode(golden + golden)).isInstanceOf(MalformedEventException.class);
        assertThat(EventCodec.decode(golden + "\n").eventType()).contains(EventType.CONSENT_APPROVED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "type", "source", "subject", "time", "sequence", "data"})
    void missingRequiredAttributeIsMalformed(String attribute) {
        String absent = mutated(e -> e.remove(attribute));
        String nulled = mutated(e -> e.putNull(attribute));

        assertThatThrownBy(() -> EventCodec.decode(absent))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining(attribute);
        assertThatThrownBy(() -> EventCodec.decode(nulled))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining(attribute);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"3\"", "3.5", "3.0", "true", "{}", "[3]", "99999999999999999999999"})
    void nonIntegerSequenceIsMalformed(String sequence) {
        String json = goldenApproved().toString().replace("\"sequence\":3", "\"sequence\":" + sequence);
        assertThat(json).contains("\"sequence\":" + sequence);

        assertThatThrownBy(() -> EventCodec.decode(json)).isInstanceOf(MalformedEventException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "42", "not-a-uuid", "evt_123"})
    void anIdThatIsNotAUuidIsMalformed(String id) {
        String json = mutated(e -> e.put("id", id));

        assertThatThrownBy(() -> EventCodec.decode(json))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("id");
    }

    @Test
    void aBlankSubjectIsMalformed() {
        String json = mutated(e -> e.put("subject", " "));

        assertThatThrownBy(() -> EventCodec.decode(json)).isInstanceOf(MalformedEventException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void sequenceBelowOneIsMalformed(long sequence) {
        String json = mutated(e -> e.put("sequence", sequence));

        assertThatThrownBy(() -> EventCodec.decode(json))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("sequence");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"yesterday\"", "\"2025-03-14\"", "\"2025-03-14T13:03:40.251\"",
            "\"2025-03-14 13:03:40.251Z\"", "\"2025-02-30T13:03:40.251Z\"", "\"2025-03-14T25:03:40.251Z\"",
            "1741957420251", "true", "{}", "[\"2025-03-14T13:03:40.251Z\"]"})
    void badTimeIsMalformed(String time) {
        String json = goldenApproved().toString()
                .replace("\"time\":\"2025-03-14T13:03:40.251Z\"", "\"time\":" + time);
        assertThat(json).contains("\"time\":" + time);

        assertThatThrownBy(() -> EventCodec.decode(json)).isInstanceOf(MalformedEventException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"approved\"", "42", "[]", "true"})
    void dataThatIsNotAnObjectIsMalformed(String data) {
        ObjectNode node = goldenApproved();
        node.remove("data");
        String json = node.toString().replaceFirst("}$", ",\"data\":" + data + "}");

        assertThatThrownBy(() -> EventCodec.decode(json)).isInstanceOf(MalformedEventException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "type", "source", "subject"})
    void structuredValueForAStringAttributeIsMalformed(String attribute) {
        String json = mutated(e -> e.putObject(attribute).put("value", "x"));
        assertThatThrownBy(() -> EventCodec.decode(json)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void dataOfTheWrongShapeIsMalformedWhenRead() {
        EventEnvelope envelope = EventCodec.decode(mutated(e -> ((ObjectNode) e.get("data"))
                .put("authorisedAt", "not a time")));
        assertThatThrownBy(() -> envelope.dataAs(ConsentApproved.class)).isInstanceOf(MalformedEventException.class);

        EventEnvelope polled = EventCodec.decode(mutated(e -> ((ObjectNode) e.get("data"))
                .putObject("attempt").put("n", 1)));
        assertThatThrownBy(() -> polled.dataAs(ConsentPolled.class)).isInstanceOf(MalformedEventException.class);
    }
}
