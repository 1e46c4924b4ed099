package br.com.ponte.collection.domain;

import br.com.ponte.events.data.CollectionFinished;
import br.com.ponte.events.data.CollectionStarted;
import br.com.ponte.kit.outbox.Outbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plans, stops and ends collection tasks and the runs they belong to, inside the caller's transaction
 * (the {@code Consents} and {@code Collections} domain services own it), with the runs' events:
 * {@code collection:started} when a run opens, {@code collection:finished} when its last task ended.
 */
@ApplicationScoped
public class Tasks {

    /** One operation to plan, for a resource or the whole consent. */
    public record Planned(Operation operation, String resourceId) {
    }

    private final Outbox outbox;

    public Tasks(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Makes each planned task due at {@code dueAt}: created when new, rescheduled when stopped or
     * failed, left alone when already scheduled or running. With a {@code trigger} the tasks made due
     * join the open run of their group (or a new one, {@code collection:started}). Returns the tasks made due.
     */
    public Uni<List<CollectionTask>> plan(CollectedConsent consent, List<Planned> planned, String trigger, Instant dueAt,
                                          Instant now) {
        List<CollectionTask> due = new ArrayList<>();
        return Multi.createFrom().iterable(planned)
                .onItem().transformToUniAndConcatenate(p -> CollectionTask.find(consent.id, p.operation(), p.resourceId())
                        .chain(task -> {
                            if (task == null) {
                                task = new CollectionTask();
                                task.id = UUID.randomUUID();
                                task.consentId = consent.id;
                                task.partnerId = consent.partnerId;
                                task.transmitter = consent.transmitter;
                                task.operation = p.operation();
                                task.resourceId = p.resourceId();
                                task.status = TaskStatus.SCHEDULED;
                                task.nextRunAt = dueAt;
                                task.updatedAt = now;
                                due.add(task);
                                return task.persist();
                            }
                            if (task.status == TaskStatus.STOPPED || task.status == TaskStatus.FAILED) {
                                task.scheduleAt(dueAt, now);
                                task.attempts = 0;
                                due.add(task);
                            } else if (task.status == TaskStatus.SCHEDULED && trigger != null && task.nextRunAt.isAfter(dueAt)) {
                                task.nextRunAt = dueAt;
                                due.add(task);
                            }
                            return Uni.createFrom().item(task);
                        }))
                .collect().asList()
                .chain(all -> trigger == null ? Uni.createFrom().item(due) : joinRuns(consent, due, trigger, now).replaceWith(due));
    }

    private Uni<Void> joinRuns(CollectedConsent consent, List<CollectionTask> due, String trigger, Instant now) {
        Map<DataGroup, List<CollectionTask>> byGroup = new LinkedHashMap<>();
        due.stream().filter(t -> t.runId == null).forEach(t -> byGroup.computeIfAbsent(t.operation.group(), g -> new ArrayList<>()).add(t));
        return Multi.createFrom().iterable(byGroup.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> CollectionRun.open(consent.id, entry.getKey()).chain(open -> {
                    List<Operation> ops = entry.getValue().stream().map(t -> t.operation).distinct().toList();
                    if (open != null) {
                        open.plan(ops);
                        entry.getValue().forEach(t -> t.runId = open.id);
                        return Uni.createFrom().voidItem();
                    }
                    CollectionRun run = new CollectionRun();
                    run.id = UUID.randomUUID();
                    run.consentId = consent.id;
                    run.partnerId = consent.partnerId;
                    run.transmitter = consent.transmitter;
                    run.group = entry.getKey();
                    run.trigger = trigger;
                    run.status = RunStatus.RUNNING;
                    run.operations = "[]";
                    run.plan(ops);
                    run.counts = "{}";
                    run.failedOperations = "[]";
                    run.startedAt = now;
                    entry.getValue().forEach(t -> t.runId = run.id);
                    return run.persist().chain(() -> outbox.append(new CollectionStarted(run.id.toString(), consent.id.toString(),
                            consent.transmitter, run.group.name(), trigger, Json.strings(run.operations), now),
                            consent.eventSubject(), consent.partnerId)).replaceWithVoid();
                }))
                .collect().last().replaceWithVoid();
    }

    /**
     * A task of a run ended (collected, or failed for good): its counts join the run, and the run
     * finishes ({@code collection:finished}) when none of its tasks is left.
     */
    public Uni<Void> ended(CollectedConsent consent, CollectionTask task, Map<String, Integer> counts, boolean failed,
                           Instant now) {
        UUID runId = task.runId;
        if (runId == null) {
            return Uni.createFrom().voidItem();
        }
        task.runId = null;
        return CollectionRun.<CollectionRun>findById(runId).chain(run -> {
            if (run == null || run.status != RunStatus.RUNNING) {
                return Uni.createFrom().voidItem();
            }
            counts.forEach(run::add);
            if (failed) {
                run.failed(task.operation);
            }
            return finishIfDone(consent, run, task.id, now);
        });
    }

    private Uni<Void> finishIfDone(CollectedConsent consent, CollectionRun run, UUID endedTask, Instant now) {
        return CollectionTask.count("runId = ?1 and id <> ?2", run.id, endedTask).chain(left -> {
            if (left > 0) {
                return Uni.createFrom().voidItem();
            }
            run.moveTo(RunStatus.FINISHED, now);
            return outbox.append(new CollectionFinished(run.id.toString(), consent.id.toString(), consent.transmitter,
                    run.group.name(), run.trigger, Json.counts(run.counts), Json.strings(run.failedOperations),
                    run.startedAt, now), consent.eventSubject(), consent.partnerId).replaceWithVoid();
        });
    }

    /** Stops these tasks (nothing collected until they are planned again); their runs go on without them. */
    public Uni<Void> stop(CollectedConsent consent, List<CollectionTask> tasks, Instant now) {
        return Multi.createFrom().iterable(tasks)
                .onItem().transformToUniAndConcatenate(task -> {
                    if (task.status == TaskStatus.STOPPED) {
                        return Uni.createFrom().voidItem();
                    }
                    task.moveTo(TaskStatus.STOPPED, now);
                    task.leaseUntil = null;
                    return ended(consent, task, Map.of(), false, now);
                })
                .collect().last().replaceWithVoid();
    }

    /** The consent ended: every task stops and every open run with it. */
    public Uni<Void> stopAll(CollectedConsent consent, Instant now) {
        return CollectionTask.ofConsent(consent.id).chain(tasks -> {
            tasks.forEach(task -> {
                if (task.status != TaskStatus.STOPPED) {
                    task.moveTo(TaskStatus.STOPPED, now);
                }
                task.runId = null;
                task.leaseUntil = null;
            });
            return CollectionRun.<CollectionRun>list("consentId = ?1 and status = ?2", consent.id, RunStatus.RUNNING);
        }).invoke(runs -> runs.forEach(run -> run.moveTo(RunStatus.STOPPED, now))).replaceWithVoid();
    }
}
