package br.com.ponte.consent.sharing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A resource (account, credit card account, credit operation) a sharing consent gives access to, as
 * the institution's resources API lists it, with its status mirrored. Ponte remembers when it first
 * waited for approvers, so that its first availability is told as a multiple approval.
 */
@Entity
@Table(name = "sharing_resource")
@IdClass(SharingResource.Key.class)
public class SharingResource extends PanacheEntityBase {

    public static class Key implements Serializable {
        public UUID consentId;
        public String resourceId;

        public Key() {
        }

        public Key(UUID consentId, String resourceId) {
            this.consentId = consentId;
            this.resourceId = resourceId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(consentId, k.consentId) && Objects.equals(resourceId, k.resourceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(consentId, resourceId);
        }
    }

    @Id
    @Column(name = "consent_id")
    public UUID consentId;

    /** The institution's id of the resource (the accounts API's {@code accountId}, ...). */
    @Id
    @Column(name = "resource_id")
    public String resourceId;

    /** Resources API v3 type: ACCOUNT, CREDIT_CARD_ACCOUNT, LOAN, ... */
    public String type;

    @Enumerated(EnumType.STRING)
    public ResourceStatus status;

    @Column(name = "first_seen_at")
    public Instant firstSeenAt;

    /** When Ponte first saw it waiting for approvers; null if it never did. */
    @Column(name = "pending_since")
    public Instant pendingSince;

    /** Until when the other holders may approve it. */
    @Column(name = "approval_deadline")
    public Instant approvalDeadline;

    /** When it first became available; null until then. */
    @Column(name = "available_since")
    public Instant availableSince;

    @Column(name = "status_updated_at")
    public Instant statusUpdatedAt;

    public boolean neededMultipleApproval() {
        return pendingSince != null;
    }

    public static Uni<List<SharingResource>> ofConsent(UUID consentId) {
        return list("consentId = ?1 order by type, resourceId", consentId);
    }
}
