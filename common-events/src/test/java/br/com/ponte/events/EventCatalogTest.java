package br.com.ponte.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCatalogTest {

    private static final List<String> SEED_003_NAMES = List.of(
            "before:consent:create", "after:consent:create", "consent:approved", "consent:rejected",
            "consent:consumed", "consent:polling", "consent:finish", "consent:expired", "consent:revoke");

    @Test
    void catalogHasExactlyTheNineSeed003NamesOnTheConsentTopic() {
        List<String> onConsentTopic = Arrays.stream(EventType.values())
                .filter(t -> t.topic() == Topic.CONSENT)
                .map(EventType::wireName)
                .toList();
        assertThat(onConsentTopic).containsExactlyInAnyOrderElementsOf(SEED_003_NAMES);
        for (String name : SEED_003_NAMES) {
            assertThat(EventType.fromWireName(name))
                    .as(name)
                    .hasValueSatisfying(t -> assertThat(t.topic()).isEqualTo(Topic.CONSENT));
        }
    }

    private static final List<String> SHARING_NAMES = List.of(
            "sharing:session:started", "sharing:session:finished",
            "sharing:consent:created", "sharing:consent:authorised", "sharing:consent:rejected",
            "sharing:consent:revoked", "sharing:consent:expired", "sharing:consent:extended",
            "sharing:consent:expiring",
            "sharing:resource:shared", "sharing:resource:multiple-approval", "sharing:resource:pending",
            "sharing:resource:status:changed");

    @Test
    void catalogHasExactlyTheThirteenSharingNamesOnTheSharingTopic() {
        List<String> onSharingTopic = Arrays.stream(EventType.values())
                .filter(t -> t.topic() == Topic.SHARING)
                .map(EventType::wireName)
                .toList();
        assertThat(onSharingTopic).hasSize(13).containsExactlyInAnyOrderElementsOf(SHARING_NAMES);
        for (String name : SHARING_NAMES) {
            assertThat(EventType.fromWireName(name))
                    .as(name)
                    .hasValueSatisfying(t -> assertThat(t.topic()).isEqualTo(Topic.SHARING));
        }
    }

    @Test
    void catalogHasTheSixCollectionNamesOnTheCollectionTopic() {
        List<String> onCollectionTopic = Arrays.stream(EventType.values())
                .filter(t -> t.topic() == Topic.COLLECTION)
                .map(EventType::wireName)
                .toList();
        assertThat(onCollectionTopic).containsExactlyInAnyOrder("collection:started", "collection:finished",
                "collection:failed", "collection:transactions:available", "collection:budget:low",
                "collection:data:deleted");
    }

    @Test
    void wireNamesFileNamesAndDataTypesAreUnique() {
        EventType[] all = EventType.values();
        assertThat(Arrays.stream(all).map(EventType::wireName).collect(Collectors.toSet())).hasSize(all.length);
        assertThat(Arrays.stream(all).map(EventType::fileName).collect(Collectors.toSet())).hasSize(all.length);
        assertThat(Arrays.stream(all).map(EventType::dataschema).collect(Collectors.toSet())).hasSize(all.length);
        assertThat(Arrays.stream(all).map(EventType::dataType).collect(Collectors.toSet())).hasSize(all.length);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeHasASchemaAndAGoldenFile(EventType type) {
        assertThat(EventType.class.getResource(type.schemaResource())).as(type.schemaResource()).isNotNull();
        assertThat(EventType.class.getResource(Schemas.goldenResource(type))).as(Schemas.goldenResource(type))
                .isNotNull();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void namesAreDerivedFromTheWireName(EventType type) {
        assertThat(type.wireName()).matches("^[a-z][a-z0-9-]*(:[a-z][a-z0-9-]*)+$");
        assertThat(type.fileName()).isEqualTo(type.wireName().replace(':', '.')).doesNotContain(":");
        assertThat(type.version()).isEqualTo(EventType.CURRENT_VERSION).isEqualTo(1);
        assertThat(type.schemaResource()).isEqualTo("/schemas/v1/" + type.fileName() + ".json");
        assertThat(type.dataschema()).isEqualTo("urn:ponte:events:" + type.wireName() + ":v1");
        assertThat(EventType.fromWireName(type.wireName())).contains(type);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void dataTypeIsARecordMappedBackToItsType(EventType type) {
        assertThat(type.dataType().isRecord()).as(type.dataType().getName()).isTrue();
        assertThat(EventData.class).isAssignableFrom(type.dataType());
        assertThat(type.dataType().getPackageName()).isEqualTo("br.com.ponte.events.data");
        EventData sample = EventCodec.fromTree(Schemas.json(Schemas.goldenResource(type)).get("data"), type.dataType());
        assertThat(EventType.of(sample)).isEqualTo(type);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaIdIsTheDataschema(EventType type) {
        JsonNode schema = Schemas.json(type.schemaResource());
        assertThat(schema.path("$id").asText()).isEqualTo(type.dataschema());
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.path("additionalProperties").asBoolean(false)).isTrue();
    }

    @Test
    void unknownWireNameIsEmpty() {
        assertThat(EventType.fromWireName("consent:teleported")).isEmpty();
        assertThat(EventType.fromWireName(null)).isEmpty();
    }

    @Test
    void ofRejectsDataWithoutAType() {
        EventData stranger = new EventData() {
        };
        assertThatThrownBy(() -> EventType.of(stranger)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topicNames() {
        assertThat(Topic.CONSENT.topicName()).isEqualTo("consent.events");
        assertThat(Topic.CONSENT.deadLetterTopicName()).isEqualTo("consent.events.dlq");
        assertThat(Topic.PAYMENT.topicName()).isEqualTo("payment.events");
        assertThat(Topic.PAYMENT.deadLetterTopicName()).isEqualTo("payment.events.dlq");
        assertThat(Topic.SHARING.topicName()).isEqualTo("sharing.events");
        assertThat(Topic.SHARING.deadLetterTopicName()).isEqualTo("sharing.events.dlq");
        assertThat(Topic.COLLECTION.topicName()).isEqualTo("collection.events");
        assertThat(Topic.COLLECTION.deadLetterTopicName()).isEqualTo("collection.events.dlq");
        assertThat(Topic.CERTIFICATE.topicName()).isEqualTo("certificate.events");
        assertThat(Topic.CERTIFICATE.deadLetterTopicName()).isEqualTo("certificate.events.dlq");
        assertThat(Topic.WEBHOOK.topicName()).isEqualTo("webhook.events");
        assertThat(Topic.WEBHOOK.deadLetterTopicName()).isEqualTo("webhook.events.dlq");
        assertThat(Topic.WEBHOOK_DEAD_LETTERS.topicName()).isEqualTo("webhook.dead-letters");
        assertThat(Topic.AUDIT.topicName()).isEqualTo("audit.events");
        assertThat(Topic.AUDIT.deadLetterTopicName()).isEqualTo("audit.events.dlq");
    }

    @Test
    void theAuditTopicCarriesOnlyAuditRecorded() {
        List<String> onAuditTopic = Arrays.stream(EventType.values())
                .filter(t -> t.topic() == Topic.AUDIT)
                .map(EventType::wireName)
                .toList();
        assertThat(onAuditTopic).containsExactly("audit:recorded");
        assertThat(EventType.AUDIT_RECORDED.dataType()).isEqualTo(br.com.ponte.events.data.AuditRecorded.class);
        assertThat(EventType.AUDIT_RECORDED.schemaResource()).isEqualTo("/schemas/v1/audit.recorded.json");
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void topicNamesRoundTrip(Topic topic) {
        assertThat(Topic.fromTopicName(topic.topicName())).contains(topic);
        assertThat(topic.deadLetterTopicName()).isEqualTo(topic.topicName() + ".dlq");
        assertThat(topic.deadLetterTopicName()).isEqualTo(topic.topicName() + ".dlq");
        assertThat(Topic.fromTopicName(topic.topicName())).contains(topic);
        assertThat(Topic.fromTopicName(topic.deadLetterTopicName())).isEmpty();
    }

    @Test
    void eventFamiliesAreOnTheirTopics() {
        Set<Topic> used = Arrays.stream(EventType.values()).map(EventType::topic).collect(Collectors.toSet());
        assertThat(used).contains(Topic.CONSENT, Topic.PAYMENT, Topic.SHARING, Topic.COLLECTION, Topic.CERTIFICATE);
        for (EventType type : EventType.values()) {
            String family = type.wireName().replaceFirst("^(before|after):", "").split(":")[0];
            assertThat(type.topic().topicName()).as(type.wireName()).startsWith(family + ".");
        }
    }
}
