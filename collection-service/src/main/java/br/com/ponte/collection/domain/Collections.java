package br.com.ponte.collection.domain;

import br.com.ponte.collection.config.CollectionConfig;
import br.com.ponte.collection.persistence.StoredAnswers;
import br.com.ponte.collection.persistence.TransactionWrites;
import br.com.ponte.events.data.CollectionFailed;
import br.com.ponte.events.data.CollectionTransactionsAvailable;
import br.com.ponte.kit.outbox.Outbox;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a collection task's run leads to, each in one transaction with its events: the data stored
 * (answers as the bank gave them; transactions upserted with their change-feed positions,
 * {@code collection:transactions:available}) and the task's next run; a retry later; a failure for
 * good ({@code collection:failed}); a wait for budget. Nothing is stored for a task that is no longer
 * running or a consent that ended meanwhile (its data may have just been deleted).
 */
@ApplicationScoped
public class Collections {

    private static final Logger LOG = Logger.getLogger(Collections.class);

    /** A stored answer: what the bank said to one operation (and bill). */
    public record Answer(Operation operation, String resourceId, String subId, JsonNode data) {
    }

    /**
     * A task's run that succeeded: answers, transactions of the task's resource, counts per kind,
     * and for transactions the oldest day now collected in full and whether it was a full-history read.
     */
    public record Outcome(List<Answer> answers, List<JsonNode> transactions, Map<String, Integer> counts,
                          LocalDate historyFrom, boolean fullHistory, Instant nextRunAt) {
    }

    private final StoredAnswers answers;
    private final TransactionWrites transactions;
    private final Tasks tasks;
    private final Outbox outbox;
    private final CollectionConfig config;

    public Collections(StoredAnswers answers, TransactionWrites transactions, Tasks tasks, Outbox outbox,
                       CollectionConfig config) {
        this.answers = answers;
        this.transactions = transactions;
        this.tasks = tasks;
        this.outbox = outbox;
        this.config = config;
    }

    private interface Change {
        Uni<Void> apply(CollectionTask task, CollectedConsent consent, Instant now);
    }

    /**
     * Applies {@code change} to the task when it is still running and its consent authorised. Locks the
     * consent (shared) before the task, in the order the consent's own changes lock them, so a run
     * ending while the consent ends never deadlocks; an ending consent waits for the run, or the run
     * finds it ended and stores nothing.
     */
    private Uni<Void> running(UUID taskId, Change change) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createSelectionQuery("select t.consentId from CollectionTask t where t.id = :id", UUID.class)
                .setParameter("id", taskId).getSingleResultOrNull()).chain(consentId -> consentId == null
                ? Uni.createFrom().voidItem()
                : CollectedConsent.<CollectedConsent>findById(consentId, LockModeType.PESSIMISTIC_READ)
                .chain(consent -> CollectionTask.<CollectionTask>findById(taskId, LockModeType.PESSIMISTIC_WRITE).chain(task -> {
                    if (task == null || task.status != TaskStatus.RUNNING) {
                        LOG.debugf("Task %s is no longer running: its outcome is dropped", taskId);
                        return Uni.createFrom().voidItem();
                    }
                    return consent == null || consent.status != ConsentStatus.AUTHORISED
                            ? Uni.createFrom().voidItem() : change.apply(task, consent, Instant.now());
                }))));
    }

    public Uni<Void> succeeded(UUID taskId, Outcome outcome) {
        return running(taskId, (task, consent, now) -> Multi.createFrom().iterable(outcome.answers())
                .onItem().transformToUniAndConcatenate(a -> answers.put(consent.id, a.operation(), a.resourceId(), a.subId(), a.data(), now))
                .collect().last()
                .chain(() -> storeTransactions(consent, task.resourceId, task.operation.resourceType(), outcome.transactions(), now))
                .chain(() -> {
                    task.lastSuccessAt = now;
                    task.attempts = 0;
                    task.lastError = null;
                    if (outcome.historyFrom() != null && (task.historyFrom == null || outcome.historyFrom().isBefore(task.historyFrom))) {
                        task.historyFrom = outcome.historyFrom();
                    }
                    if (outcome.fullHistory()) {
                        task.lastDeepAt = now;
                    }
                    task.scheduleAt(outcome.nextRunAt(), now);
                    return tasks.ended(consent, task, outcome.counts(), false, now);
                }));
    }

    /**
     * Upserts transactions of a resource (a live read's too) inside the caller's transaction and tells
     * the partner when any is new or changed.
     */
    public Uni<Void> storeTransactions(CollectedConsent consent, String resourceId, String resourceType, List<JsonNode> items,
                                       Instant now) {
        if (items == null || items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return transactions.upsert(consent.partnerId, consent.id, resourceId, items, now).chain(written -> !written.changed()
                ? Uni.createFrom().voidItem()
                : outbox.append(new CollectionTransactionsAvailable(consent.id.toString(), consent.transmitter, resourceId,
                resourceType, written.created(), written.updated(), Long.toString(written.since()),
                Long.toString(written.cursor()), now), consent.eventSubject(), consent.partnerId).replaceWithVoid());
    }

    /**
     * A live read's answer, stored like a collection's, in its own transaction: the answer (unless null)
     * and the transactions of {@code resourceId} (a list of transactions is stored as transactions only).
     */
    public Uni<Void> storeLive(CollectedConsent consent, Answer answer, String resourceId, String resourceType,
                               List<JsonNode> items) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> CollectedConsent.<CollectedConsent>findById(consent.id, LockModeType.PESSIMISTIC_READ)
                .chain(current -> {
                    if (current == null || current.status != ConsentStatus.AUTHORISED) {
                        return Uni.createFrom().voidItem();
                    }
                    Uni<Void> stored = answer == null ? Uni.createFrom().voidItem()
                            : answers.put(consent.id, answer.operation(), answer.resourceId(), answer.subId(), answer.data(), now);
                    return stored.chain(() -> storeTransactions(current, resourceId, resourceType, items, now));
                }));
    }

    /** A transient failure: again at {@code at}, or given up after {@code max-attempts}. */
    public Uni<Void> retry(UUID taskId, Instant at, String code, String detail) {
        return running(taskId, (task, consent, now) -> {
            task.attempts++;
            task.lastError = code + ": " + detail;
            if (task.attempts >= config.maxAttempts()) {
                return failForGood(task, consent, code, detail, true, now);
            }
            task.scheduleAt(at, now);
            return Uni.createFrom().voidItem();
        });
    }

    /** A failure no retry changes (the bank refused, the consent is not usable): collection:failed. */
    public Uni<Void> failed(UUID taskId, String code, String detail, boolean retryable) {
        return running(taskId, (task, consent, now) -> {
            task.attempts++;
            task.lastError = code + ": " + detail;
            return failForGood(task, consent, code, detail, retryable, now);
        });
    }

    private Uni<Void> failForGood(CollectionTask task, CollectedConsent consent, String code, String detail,
                                  boolean retryable, Instant now) {
        LOG.infof("Task %s (%s %s of consent %s) failed for good: %s %s", task.id, task.operation, task.resourceId,
                consent.id, code, detail);
        UUID runId = task.runId;
        task.moveTo(TaskStatus.FAILED, now);
        task.leaseUntil = null;
        return outbox.append(new CollectionFailed(runId == null ? null : runId.toString(), consent.id.toString(),
                        consent.transmitter, task.operation.group().name(), task.operation.name(), task.resourceOrNull(), code,
                        detail, retryable, task.attempts), consent.eventSubject(), consent.partnerId)
                .chain(() -> tasks.ended(consent, task, Map.of(), true, now));
    }

    /**
     * The budget left for collections this month is spent: the task waits until {@code at} (the month's
     * reset, or the pace the budget allows). A run waiting for it reports it failed (retryable).
     */
    public Uni<Void> deferred(UUID taskId, Instant at, String detail) {
        return running(taskId, (task, consent, now) -> {
            task.scheduleAt(at, now);
            task.lastError = "BUDGET_EXHAUSTED: " + detail;
            if (task.runId == null) {
                return Uni.createFrom().voidItem();
            }
            UUID runId = task.runId;
            return outbox.append(new CollectionFailed(runId.toString(), consent.id.toString(), consent.transmitter,
                            task.operation.group().name(), task.operation.name(), task.resourceOrNull(), "BUDGET_EXHAUSTED", detail,
                            true, task.attempts), consent.eventSubject(), consent.partnerId)
                    .chain(() -> tasks.ended(consent, task, Map.of(), true, now));
        });
    }

    /** The task's consent ended or is unknown: it stops. */
    public Uni<Void> stop(UUID taskId) {
        return Panache.withTransaction(() -> CollectionTask.<CollectionTask>findById(taskId, LockModeType.PESSIMISTIC_WRITE)
                .invoke(task -> {
                    if (task != null && task.status != TaskStatus.STOPPED) {
                        task.moveTo(TaskStatus.STOPPED, Instant.now());
                        task.runId = null;
                    }
                })).replaceWithVoid();
    }
}
