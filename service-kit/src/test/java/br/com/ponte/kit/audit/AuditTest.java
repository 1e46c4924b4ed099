package br.com.ponte.kit.audit;

import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.data.AuditRecorded;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditTest {

    @Test
    void anEntryNamesWhoWhatAndWhichResource() {
        AuditRecorded entry = Audit.entry(Actor.service("consent-service"), "certificate.key-used", "certificate", "c-1",
                Map.of("usage", "SIGNING", "type", "JWT"), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(entry.actorType()).isEqualTo("SERVICE");
        assertThat(entry.actorId()).isEqualTo("consent-service");
        assertThat(entry.action()).isEqualTo("certificate.key-used");
        assertThat(entry.resourceType()).isEqualTo("certificate");
        assertThat(entry.resourceId()).isEqualTo("c-1");
        assertThat(entry.details()).containsExactlyInAnyOrderEntriesOf(Map.of("usage", "SIGNING", "type", "JWT"));
        assertThat(Audit.subject("certificate", "c-1")).isEqualTo("audit:certificate:c-1");

        // it travels as any event does
        EventEnvelope event = EventEnvelope.create(entry, "certificate-vault", Audit.subject("certificate", "c-1"), "p-1",
                Instant.now(), 1);
        assertThat(EventCodec.decode(EventCodec.encode(event)).dataAs(AuditRecorded.class)).isEqualTo(entry);
    }

    @Test
    void anOperatorHasNoIdAndEveryoneElseHasOne() {
        assertThat(Actor.operator().id()).isNull();
        assertThatThrownBy(() -> new Actor(Actor.Type.OPERATOR, "someone")).isInstanceOf(IllegalArgumentException.class);
        for (Actor.Type type : new Actor.Type[]{Actor.Type.PARTNER, Actor.Type.SERVICE, Actor.Type.USER, Actor.Type.BANK,
                Actor.Type.SYSTEM}) {
            assertThatThrownBy(() -> new Actor(type, null)).as(type.name()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Actor(type, " ")).as(type.name()).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Actor(null, "x")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aDetailThatCouldBeASecretIsRefused() {
        for (String name : new String[]{"clientSecret", "secret", "password", "accessToken", "refresh_token", "privateKey",
                "private-key", "registrationAccessToken", "pkcs12", "jws", "credentials"}) {
            assertThatThrownBy(() -> Audit.entry(Actor.operator(), "partner.created", "partner", "p-1", Map.of(name, "x"), null))
                    .as(name).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
        }
        assertThatThrownBy(() -> Audit.entry(Actor.operator(), "partner.created", "partner", "p-1",
                Map.of("chain", "-----BEGIN PRIVATE KEY-----\nMII..."), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void actionsAndResourcesAreWellFormed() {
        Actor actor = Actor.system("expiry-watcher");
        for (String action : new String[]{null, "revoked", "Certificate.Revoked", "certificate revoked", "certificate."}) {
            assertThatThrownBy(() -> Audit.entry(actor, action, "certificate", "c-1", Map.of(), null)).as(action)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Audit.entry(actor, "certificate.expired", "Certificate", "c-1", Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Audit.entry(actor, "certificate.expired", "certificate", "", Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Audit.entry(actor, "certificate.expired", "certificate", "x".repeat(181), Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Audit.entry(null, "certificate.expired", "certificate", "c-1", Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        // null details are no details, null values are left out
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", null);
        details.put("usage", "TRANSPORT");
        assertThat(Audit.entry(actor, "certificate.expired", "certificate", "c-1", details, null).details())
                .containsExactly(Map.entry("usage", "TRANSPORT"));
        assertThat(Audit.entry(actor, "certificate.expired", "certificate", "c-1", null, null).details()).isEmpty();
    }
}
