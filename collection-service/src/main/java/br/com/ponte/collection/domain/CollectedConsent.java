package br.com.ponte.collection.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A sharing consent whose data is collected (consent-service's id), guarding its own status. */
@Entity
@Table(name = "sharing_consent")
public class CollectedConsent extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "partner_id")
    public String partnerId;

    public String transmitter;

    @Column(name = "transmitter_consent_id")
    public String transmitterConsentId;

    /** JSON list of the permissions granted. */
    public String permissions;

    @Enumerated(EnumType.STRING)
    public ConsentStatus status;

    @Column(name = "authorised_at")
    public Instant authorisedAt;

    @Column(name = "expiration_date_time")
    public Instant expirationDateTime;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "data_deleted_at")
    public Instant dataDeletedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<String> permissionList() {
        return Json.strings(permissions);
    }

    /** Revoked or expired: nothing is collected again. */
    public void end(ConsentStatus next, Instant now) {
        if (!status.canBecome(next)) {
            throw new IllegalStateException("A " + status + " consent cannot become " + next);
        }
        status = next;
        endedAt = now;
        updatedAt = now;
    }

    public static Uni<CollectedConsent> findForPartner(UUID id, String partnerId) {
        return find("id = ?1 and partnerId = ?2", id, partnerId).firstResult();
    }

    /**
     * The subject of this consent's {@code collection:*} events: {@code collection:<consent id>}. Not the
     * consent's own id, which consent-service's {@code sharing:*} events carry with their own sequence:
     * one subject has one writer, so its {@code sequence} strictly increases.
     */
    public String eventSubject() {
        return "collection:" + id;
    }
}
