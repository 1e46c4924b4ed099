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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One data group of a consent collected together; finished when its last task ended. */
@Entity
@Table(name = "collection_run")
public class CollectionRun extends PanacheEntityBase {

    public static final String INITIAL = "INITIAL";
    public static final String ON_DEMAND = "ON_DEMAND";

    @Id
    public UUID id;

    @Column(name = "consent_id")
    public UUID consentId;

    @Column(name = "partner_id")
    public String partnerId;

    public String transmitter;

    @Enumerated(EnumType.STRING)
    @Column(name = "data_group")
    public DataGroup group;

    public String trigger;

    @Enumerated(EnumType.STRING)
    public RunStatus status;

    /** JSON list of the operations planned. */
    public String operations;

    /** JSON object: items stored per kind. */
    public String counts;

    @Column(name = "failed_operations")
    public String failedOperations;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public void add(String kind, int items) {
        Map<String, Integer> all = Json.counts(counts);
        all.merge(kind, items, Integer::sum);
        counts = Json.write(all);
    }

    public void failed(Operation operation) {
        List<String> failed = new ArrayList<>(Json.strings(failedOperations));
        if (!failed.contains(operation.name())) {
            failed.add(operation.name());
        }
        failedOperations = Json.write(failed);
    }

    public void plan(List<Operation> planned) {
        List<String> all = new ArrayList<>(Json.strings(operations));
        planned.forEach(op -> {
            if (!all.contains(op.name())) {
                all.add(op.name());
            }
        });
        operations = Json.write(all);
    }

    public void moveTo(RunStatus next, Instant now) {
        if (!status.canBecome(next)) {
            throw new IllegalStateException("A " + status + " run cannot become " + next);
        }
        status = next;
        finishedAt = now;
    }

    public static Uni<CollectionRun> open(UUID consentId, DataGroup group) {
        return find("consentId = ?1 and group = ?2 and status = ?3", consentId, group, RunStatus.RUNNING).firstResult();
    }
}
