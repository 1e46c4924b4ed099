package br.com.ponte.consent.sharing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One renewal of a sharing consent at its institution (consents API v3 {@code extends}). */
@Entity
@Table(name = "sharing_extension")
public class SharingExtension extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "consent_id")
    public UUID consentId;

    @Column(name = "partner_id")
    public String partnerId;

    @Column(name = "requested_at")
    public Instant requestedAt;

    /** The term before; null when it was indefinite. */
    @Column(name = "previous_expiration_date_time")
    public Instant previousExpirationDateTime;

    /** The new term; null for indefinite. */
    @Column(name = "expiration_date_time")
    public Instant expirationDateTime;

    /** USER (from the dashboard) or PARTNER. */
    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    public static Uni<List<SharingExtension>> ofConsent(UUID consentId) {
        return list("consentId = ?1 order by requestedAt desc", consentId);
    }

    public static Uni<SharingExtension> findByIdempotencyKey(String partnerId, String key) {
        return find("partnerId = ?1 and idempotencyKey = ?2", partnerId, key).firstResult();
    }
}
