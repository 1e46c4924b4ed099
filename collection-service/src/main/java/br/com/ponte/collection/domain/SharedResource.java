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

/** A resource of a consent (account, credit card account, credit operation) and its status. */
@Entity
@Table(name = "shared_resource")
public class SharedResource extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "consent_id")
    public UUID consentId;

    @Column(name = "resource_id")
    public String resourceId;

    public String type;

    @Enumerated(EnumType.STRING)
    public ResourceStatus status;

    @Column(name = "available_since")
    public Instant availableSince;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Moves to {@code next}; false (nothing changed) when the status machine does not allow it. */
    public boolean moveTo(ResourceStatus next, Instant now) {
        if (status == next || !status.canBecome(next)) {
            return false;
        }
        status = next;
        if (next == ResourceStatus.AVAILABLE && availableSince == null) {
            availableSince = now;
        }
        updatedAt = now;
        return true;
    }

    public static Uni<SharedResource> find(UUID consentId, String resourceId) {
        return find("consentId = ?1 and resourceId = ?2", consentId, resourceId).firstResult();
    }

    public static Uni<List<SharedResource>> ofConsent(UUID consentId) {
        return list("consentId = ?1 order by type, resourceId", consentId);
    }
}
