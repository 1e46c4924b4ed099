package br.com.ponte.webhook.domain;

import br.com.ponte.kit.crypto.EnvelopeCipher;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Where a partner receives its webhooks, which event types it wants, and the secret that signs them. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "partner_id")
    public String partnerId;

    public String url;

    public String description;

    /** Empty: every event type. */
    @Convert(converter = EventTypesConverter.class)
    @Column(name = "event_types")
    public List<String> eventTypes;

    @Enumerated(EnumType.STRING)
    public EndpointStatus status;

    @Column(name = "secret_cipher")
    public byte[] secretCipher;

    @Column(name = "secret_iv")
    public byte[] secretIv;

    @Column(name = "secret_key_wrapped")
    public byte[] secretKeyWrapped;

    @Column(name = "secret_key_iv")
    public byte[] secretKeyIv;

    @Column(name = "master_key_id")
    public String masterKeyId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static WebhookEndpoint create(String partnerId, String url, String description, List<String> eventTypes,
                                         String secret, EnvelopeCipher cipher, Instant now) {
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.partnerId = partnerId;
        endpoint.url = url;
        endpoint.description = description;
        endpoint.eventTypes = List.copyOf(eventTypes);
        endpoint.status = EndpointStatus.ACTIVE;
        endpoint.createdAt = now;
        endpoint.updatedAt = now;
        endpoint.seal(secret, cipher);
        return endpoint;
    }

    public boolean accepts(String eventType) {
        return status == EndpointStatus.ACTIVE && (eventTypes.isEmpty() || eventTypes.contains(eventType));
    }

    public String secret(EnvelopeCipher cipher) {
        return new String(cipher.open(new EnvelopeCipher.Sealed(secretCipher, secretIv, secretKeyWrapped, secretKeyIv,
                masterKeyId), id.toString()), StandardCharsets.UTF_8);
    }

    private void seal(String secret, EnvelopeCipher cipher) {
        EnvelopeCipher.Sealed sealed = cipher.seal(secret.getBytes(StandardCharsets.UTF_8), id.toString());
        secretCipher = sealed.ciphertext();
        secretIv = sealed.iv();
        secretKeyWrapped = sealed.wrappedDataKey();
        secretKeyIv = sealed.dataKeyIv();
        masterKeyId = sealed.masterKeyId();
    }

    public static Uni<List<WebhookEndpoint>> activeFor(String partnerId) {
        return list("partnerId = ?1 and status = ?2", partnerId, EndpointStatus.ACTIVE);
    }

    public static Uni<WebhookEndpoint> findForPartner(UUID id, String partnerId) {
        return find("id = ?1 and partnerId = ?2", id, partnerId).firstResult();
    }
}
