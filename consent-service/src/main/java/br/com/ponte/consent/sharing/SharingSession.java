package br.com.ponte.consent.sharing;

import com.fasterxml.jackson.core.type.TypeReference;
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
 * A consent-management session: the partner says who the user is, why it wants which data and for
 * how long; the user, on Ponte's screens, confirms the data and shares it with one institution after
 * another, then finishes and goes back to the partner. Its random id in the screens' URL is the
 * user's only credential.
 */
@Entity
@Table(name = "sharing_session")
public class SharingSession extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "partner_id")
    public String partnerId;

    @Enumerated(EnumType.STRING)
    public SessionStatus status;

    /** The user's CPF. */
    @Column(name = "logged_user_document")
    public String loggedUserDocument;

    /** The company's CNPJ when the user shares a company's data; null for a person's. */
    @Column(name = "business_entity_document")
    public String businessEntityDocument;

    public String purpose;

    /** The groups the partner asked for ({@link RequestedGroup}s as JSON). */
    @Column(name = "requested_groups")
    public String requestedGroups;

    /** The partner's default duration in months (1 to 12); null for an indefinite sharing. */
    @Column(name = "duration_months")
    public Integer durationMonths;

    @Column(name = "redirect_uri")
    public String redirectUri;

    /** The authorisation servers to offer (JSON list); null for every one that serves the groups. */
    public String institutions;

    /** The groups the user confirmed (JSON list of names); null until they did. */
    @Column(name = "chosen_groups")
    public String chosenGroups;

    /** The duration the user confirmed, in months; null for indefinite (meaningful once chosenGroups is set). */
    @Column(name = "chosen_duration_months")
    public Integer chosenDurationMonths;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "status_updated_at")
    public Instant statusUpdatedAt;

    /** Until when the user can use the session's screens. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    public List<RequestedGroup> requested() {
        return JsonColumns.read(requestedGroups, new TypeReference<>() {
        });
    }

    public List<String> institutionList() {
        return JsonColumns.strings(institutions);
    }

    /** The groups the user confirmed, in the catalog's order; empty until they did. */
    public List<PermissionGroup> chosen() {
        List<String> names = JsonColumns.strings(chosenGroups);
        return names == null ? List.of() : names.stream().map(PermissionGroup::valueOf).sorted().toList();
    }

    public boolean dataConfirmed() {
        return chosenGroups != null;
    }

    /**
     * The user confirmed the data (the mandatory groups and the optional ones they kept) and the
     * duration. They can come back and change it for the next institution.
     */
    public void confirm(List<PermissionGroup> groups, Integer durationMonths) {
        requireActive();
        List<PermissionGroup> mandatory = requested().stream().filter(RequestedGroup::mandatory).map(RequestedGroup::group).toList();
        if (!groups.containsAll(mandatory)) {
            throw new IllegalArgumentException("The mandatory groups cannot be removed");
        }
        if (groups.isEmpty() || !requested().stream().map(RequestedGroup::group).toList().containsAll(groups)) {
            throw new IllegalArgumentException("Only the groups asked for, at least one");
        }
        chosenGroups = JsonColumns.write(groups.stream().map(Enum::name).toList());
        chosenDurationMonths = durationMonths;
    }

    public boolean isOpen(Instant now) {
        return status == SessionStatus.ACTIVE && expiresAt.isAfter(now);
    }

    public void finish(Instant now) {
        moveTo(SessionStatus.FINISHED, now);
    }

    public void expire(Instant now) {
        moveTo(SessionStatus.EXPIRED, now);
    }

    private void requireActive() {
        if (status != SessionStatus.ACTIVE) {
            throw new IllegalStateException("Session " + id + " is " + status);
        }
    }

    private void moveTo(SessionStatus next, Instant now) {
        if (!status.canBecome(next)) {
            throw new IllegalStateException("Session " + id + " is " + status + " and cannot become " + next);
        }
        status = next;
        statusUpdatedAt = now;
    }

    public static Uni<SharingSession> findForPartner(UUID id, String partnerId) {
        return find("id = ?1 and partnerId = ?2", id, partnerId).firstResult();
    }

    public static Uni<SharingSession> findByIdempotencyKey(String partnerId, String key) {
        return find("partnerId = ?1 and idempotencyKey = ?2", partnerId, key).firstResult();
    }
}
