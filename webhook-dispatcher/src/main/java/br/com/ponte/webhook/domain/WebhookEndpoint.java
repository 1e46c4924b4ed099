package br.com.ponte.webhook.domain;

import br.com.ponte.kit.api.ApiException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where a partner receives its webhooks, which event types it wants, how (ordered, rate limit)
 * and the secret that signs them. Guards its own status: a deleted endpoint changes no more.
 */
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

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "failing_since")
    public Instant failingSince;

    /** Requests per second at most; null for no limit. */
    @Column(name = "rate_limit")
    public Integer rateLimit;

    /** Events of one subject are delivered one after the other, in sequence order. */
    public boolean ordered;

    @Enumerated(EnumType.STRING)
    @Column(name = "signing_algorithm")
    public SigningAlgorithm signingAlgorithm;

    /** For ED25519: the {@code whpk_} key receivers verify with. */
    @Column(name = "public_key")
    public String publicKey;

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

    @Column(name = "prev_secret_cipher")
    public byte[] prevSecretCipher;

    @Column(name = "prev_secret_iv")
    public byte[] prevSecretIv;

    @Column(name = "prev_secret_key_wrapped")
    public byte[] prevSecretKeyWrapped;

    @Column(name = "prev_secret_key_iv")
    public byte[] prevSecretKeyIv;

    @Column(name = "prev_master_key_id")
    public String prevMasterKeyId;

    @Column(name = "prev_secret_expires_at")
    public Instant prevSecretExpiresAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static WebhookEndpoint create(String partnerId, String url, String description, List<String> eventTypes,
                                         SigningAlgorithm algorithm, Instant now) {
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.partnerId = partnerId;
        endpoint.url = url;
        endpoint.description = description;
        endpoint.eventTypes = List.copyOf(eventTypes);
        endpoint.status = EndpointStatus.ACTIVE;
        endpoint.signingAlgorithm = algorithm;
        endpoint.createdAt = now;
        endpoint.updatedAt = now;
        return endpoint;
    }

    /**
     * Makes a new signing secret (HMAC) or key pair (Ed25519) and seals it. Returns what the
     * partner must keep: the {@code whsec_} secret, or the {@code whpk_} public key.
     */
    public String newSecret(EnvelopeCipher cipher) {
        if (signingAlgorithm == SigningAlgorithm.ED25519) {
            WebhookSignature.Ed25519Keys keys = WebhookSignature.newEd25519Keys();
            seal(keys.signingKey(), cipher);
            publicKey = keys.publicKey();
            return keys.publicKey();
        }
        String secret = WebhookSignature.newSecret();
        seal(secret, cipher);
        return secret;
    }

    /**
     * Replaces the signing secret; the current one keeps signing beside the new one until
     * {@code overlapEnds}, so receivers can switch without losing a message.
     */
    public String rotateSecret(EnvelopeCipher cipher, Instant overlapEnds, Instant now) {
        requireNotDeleted();
        prevSecretCipher = secretCipher;
        prevSecretIv = secretIv;
        prevSecretKeyWrapped = secretKeyWrapped;
        prevSecretKeyIv = secretKeyIv;
        prevMasterKeyId = masterKeyId;
        prevSecretExpiresAt = overlapEnds;
        updatedAt = now;
        return newSecret(cipher);
    }

    /**
     * Whether an event of this type is queued for the endpoint. A disabled endpoint still queues:
     * its deliveries wait and go out when it is enabled again, so nothing is lost meanwhile.
     */
    public boolean accepts(String eventType) {
        return status != EndpointStatus.DELETED && (eventTypes.isEmpty() || eventTypes.contains(eventType));
    }

    public void disable(String reason, Instant now) {
        requireNotDeleted();
        status = EndpointStatus.DISABLED;
        disabledReason = reason;
        updatedAt = now;
    }

    public void enable(Instant now) {
        requireNotDeleted();
        status = EndpointStatus.ACTIVE;
        disabledReason = null;
        failingSince = null;
        updatedAt = now;
    }

    public void delete(Instant now) {
        status = EndpointStatus.DELETED;
        updatedAt = now;
    }

    public void requireNotDeleted() {
        if (status == EndpointStatus.DELETED) {
            throw ApiException.notFound("No webhook endpoint " + id);
        }
    }

    private void seal(String secret, EnvelopeCipher cipher) {
        EnvelopeCipher.Sealed sealed = cipher.seal(secret.getBytes(StandardCharsets.UTF_8), id.toString());
        secretCipher = sealed.ciphertext();
        secretIv = sealed.iv();
        secretKeyWrapped = sealed.wrappedDataKey();
        secretKeyIv = sealed.dataKeyIv();
        masterKeyId = sealed.masterKeyId();
    }

    /** The partner's endpoints that queue deliveries (active or disabled). */
    public static Uni<List<WebhookEndpoint>> receivingFor(String partnerId) {
        return list("partnerId = ?1 and status <> ?2", partnerId, EndpointStatus.DELETED);
    }

    /** The partner's endpoint, unless deleted. */
    public static Uni<WebhookEndpoint> findForPartner(UUID id, String partnerId) {
        return find("id = ?1 and partnerId = ?2 and status <> ?3", id, partnerId, EndpointStatus.DELETED).firstResult();
    }

    /** What the audit log says of the endpoint: its settings, the URL without credentials or query; never a secret. */
    public Map<String, String> auditDetails() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("url", auditableUrl(url));
        details.put("eventTypes", eventTypes == null ? "" : String.join(",", eventTypes));
        details.put("ordered", String.valueOf(ordered));
        details.put("rateLimit", rateLimit == null ? "none" : rateLimit.toString());
        details.put("signatureAlgorithm", signingAlgorithm.name().toLowerCase());
        details.put("status", status.name());
        return details;
    }

    /**
     * A URL as the audit log keeps it: scheme, host, port and path. User info, query and fragment are
     * left out, since partners sometimes put a token there.
     */
    public static String auditableUrl(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (RuntimeException e) {
            return "(not a URL)";
        }
    }
}
