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
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One operation of a consent for one resource ({@code ""}: the whole consent), with its schedule. */
@Entity
@Table(name = "collection_task")
public class CollectionTask extends PanacheEntityBase {

    /** The resource id of a task of the whole consent. */
    public static final String WHOLE_CONSENT = "";

    @Id
    public UUID id;

    @Column(name = "consent_id")
    public UUID consentId;

    @Column(name = "partner_id")
    public String partnerId;

    public String transmitter;

    @Enumerated(EnumType.STRING)
    public Operation operation;

    @Column(name = "resource_id")
    public String resourceId;

    @Enumerated(EnumType.STRING)
    public TaskStatus status;

    @Column(name = "next_run_at")
    public Instant nextRunAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    public int attempts;

    /** The run (initial collection, a refresh) this task's next completion belongs to, if any. */
    @Column(name = "run_id")
    public UUID runId;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "history_from")
    public LocalDate historyFrom;

    @Column(name = "last_deep_at")
    public Instant lastDeepAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public void moveTo(TaskStatus next, Instant now) {
        if (status != next && !status.canBecome(next)) {
            throw new IllegalStateException("A " + status + " task cannot become " + next);
        }
        status = next;
        updatedAt = now;
    }

    /** Due at {@code when}, SCHEDULED (from any status that may be). */
    public void scheduleAt(Instant when, Instant now) {
        moveTo(TaskStatus.SCHEDULED, now);
        nextRunAt = when;
        leaseUntil = null;
    }

    public String resourceOrNull() {
        return WHOLE_CONSENT.equals(resourceId) ? null : resourceId;
    }

    public static Uni<CollectionTask> find(UUID consentId, Operation operation, String resourceId) {
        return find("consentId = ?1 and operation = ?2 and resourceId = ?3", consentId, operation, resourceId).firstResult();
    }

    public static Uni<List<CollectionTask>> ofConsent(UUID consentId) {
        return list("consentId = ?1 order by operation, resourceId", consentId);
    }

    public static Uni<List<CollectionTask>> ofResource(UUID consentId, String resourceId) {
        return list("consentId = ?1 and resourceId = ?2", consentId, resourceId);
    }
}
