package br.com.ponte.consent.sharing;

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

/**
 * A data-sharing consent: what one user agreed to share with the partner from one institution
 * (consents API v3 at that institution). It guards its own status ({@link SharingStatus}); how it
 * ended is in its rejection (consents API v3 {@code rejectedBy} and reason) and, for a sharing that
 * was authorised, in who revoked it and where.
 */
@Entity
@Table(name = "sharing_consent")
public class SharingConsent extends PanacheEntityBase {

    /** Consents API v3 reasons Ponte records. */
    public static final String CUSTOMER_MANUALLY_REJECTED = "CUSTOMER_MANUALLY_REJECTED";
    public static final String CUSTOMER_MANUALLY_REVOKED = "CUSTOMER_MANUALLY_REVOKED";
    public static final String CONSENT_EXPIRED = "CONSENT_EXPIRED";
    public static final String CONSENT_MAX_DATE_REACHED = "CONSENT_MAX_DATE_REACHED";

    @Id
    public UUID id;

    @Column(name = "partner_id")
    public String partnerId;

    @Column(name = "session_id")
    public UUID sessionId;

    /** The institution's authorisation server id in the directory. */
    public String transmitter;

    @Column(name = "transmitter_consent_id")
    public String transmitterConsentId;

    @Enumerated(EnumType.STRING)
    public SharingStatus status;

    @Column(name = "logged_user_document")
    public String loggedUserDocument;

    @Column(name = "business_entity_document")
    public String businessEntityDocument;

    public String purpose;

    /** The groups asked for at this institution (JSON list of names). */
    public String groups;

    /** The permissions: asked for, then those the institution kept, then those granted (JSON list). */
    public String permissions;

    /** Months asked for; null for an indefinite sharing. */
    @Column(name = "duration_months")
    public Integer durationMonths;

    /** When the sharing ends; null for an indefinite one. */
    @Column(name = "expiration_date_time")
    public Instant expirationDateTime;

    /** Where the user is sent to authorise it (the bank's page with the pushed request). */
    @Column(name = "authorisation_url")
    public String authorisationUrl;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "status_updated_at")
    public Instant statusUpdatedAt;

    @Column(name = "authorised_at")
    public Instant authorisedAt;

    /** USER, ASPSP or TPP (consents API v3 {@code rejectedBy}). */
    @Column(name = "rejected_by")
    public String rejectedBy;

    @Column(name = "rejection_reason_code")
    public String rejectionReasonCode;

    @Column(name = "rejection_reason_detail")
    public String rejectionReasonDetail;

    /** For a revoked sharing: USER, PARTNER or TRANSMITTER. */
    @Column(name = "revoked_by")
    public String revokedBy;

    /** For a revoked sharing: PONTE (the user's dashboard), TRANSMITTER or PARTNER_API. */
    @Column(name = "revocation_channel")
    public String revocationChannel;

    /** The term {@code sharing:consent:expiring} was sent for, so it is sent once per term. */
    @Column(name = "expiring_notified_for")
    public Instant expiringNotifiedFor;

    /** When the consent is read at the bank next (revocations and expiries there, resources moving). */
    @Column(name = "next_check_at")
    public Instant nextCheckAt;

    /** The wait between two reads while resources wait for approvers (doubles up to a ceiling). */
    @Column(name = "check_backoff_seconds")
    public Integer checkBackoffSeconds;

    public List<String> permissionList() {
        List<String> list = JsonColumns.strings(permissions);
        return list == null ? List.of() : list;
    }

    public List<PermissionGroup> groupList() {
        List<String> names = JsonColumns.strings(groups);
        return names == null ? List.of() : names.stream().map(PermissionGroup::valueOf).toList();
    }

    /** The institution created it: its id there and the permissions it kept. */
    public void createdAtBank(String transmitterConsentId, List<String> kept, String authorisationUrl) {
        this.transmitterConsentId = transmitterConsentId;
        this.permissions = JsonColumns.write(kept);
        this.groups = JsonColumns.write(PermissionGroup.keptIn(kept).stream().map(Enum::name).toList());
        this.authorisationUrl = authorisationUrl;
    }

    /** The user authorised it; the institution says what was granted and until when. */
    public void authorise(Instant now, List<String> granted, Instant expiration) {
        moveTo(SharingStatus.AUTHORISED, now);
        authorisedAt = now;
        permissions = JsonColumns.write(granted);
        expirationDateTime = expiration;
        authorisationUrl = null;
    }

    /** Never authorised: refused by the user or the institution, or not decided in time. */
    public void reject(String by, String code, String detail, Instant now) {
        if (status != SharingStatus.AWAITING_AUTHORISATION) {
            throw new IllegalStateException("Consent " + id + " is " + status + "; only an awaiting one is rejected");
        }
        end(by, code, detail, now);
    }

    /** An authorised sharing ended before its term. */
    public void revoke(String by, String channel, String rejectedBy, String code, String detail, Instant now) {
        if (status != SharingStatus.AUTHORISED) {
            throw new IllegalStateException("Consent " + id + " is " + status + "; only an authorised one is revoked");
        }
        end(rejectedBy, code, detail, now);
        revokedBy = by;
        revocationChannel = channel;
    }

    /**
     * Its time ran out: not authorised within the institution's window ({@code CONSENT_EXPIRED}) or
     * its term reached ({@code CONSENT_MAX_DATE_REACHED}). Returns the status it had.
     */
    public SharingStatus expire(Instant now) {
        SharingStatus previous = status;
        end("ASPSP", previous == SharingStatus.AUTHORISED ? CONSENT_MAX_DATE_REACHED : CONSENT_EXPIRED,
                previous == SharingStatus.AUTHORISED ? "Prazo do compartilhamento atingido" : "Não autorizado a tempo", now);
        return previous;
    }

    /** The institution renewed it until {@code expiration} (null: indefinitely). */
    public void extend(Instant expiration) {
        if (status != SharingStatus.AUTHORISED) {
            throw new IllegalStateException("Consent " + id + " is " + status + "; only an authorised one is extended");
        }
        expirationDateTime = expiration;
    }

    /** Whether it ended because its time ran out (as opposed to a refusal or a revocation). */
    public boolean expired() {
        return CONSENT_EXPIRED.equals(rejectionReasonCode) || CONSENT_MAX_DATE_REACHED.equals(rejectionReasonCode);
    }

    public boolean revoked() {
        return revokedBy != null;
    }

    private void end(String by, String code, String detail, Instant now) {
        moveTo(SharingStatus.REJECTED, now);
        rejectedBy = by;
        rejectionReasonCode = code;
        rejectionReasonDetail = detail;
        nextCheckAt = null;
        authorisationUrl = null;
    }

    private void moveTo(SharingStatus next, Instant now) {
        if (!status.canBecome(next)) {
            throw new IllegalStateException("Consent " + id + " is " + status + " and cannot become " + next);
        }
        status = next;
        statusUpdatedAt = now;
    }

    public static Uni<SharingConsent> findForPartner(UUID id, String partnerId) {
        return find("id = ?1 and partnerId = ?2", id, partnerId).firstResult();
    }

    public static Uni<List<SharingConsent>> ofSession(UUID sessionId) {
        return list("sessionId = ?1 order by createdAt", sessionId);
    }
}
