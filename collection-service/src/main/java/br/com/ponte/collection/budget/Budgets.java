package br.com.ponte.collection.budget;

import br.com.ponte.collection.config.Policy;
import br.com.ponte.collection.domain.CollectedConsent;
import br.com.ponte.collection.domain.Operation;
import br.com.ponte.events.data.CollectionBudgetLow;
import br.com.ponte.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The operational-limit budget of each consent, counted as the bank counts it: per consent, per
 * operation (and per resource, {@code ponte.collection.budget-per-resource}), per calendar month in
 * America/Sao_Paulo; every call that is not a follow-up page with a {@code pagination-key} is one,
 * whatever the bank answers (a 429 too). A call is counted before it is made, atomically against the
 * cap, so two instances never overspend: scheduled collections and partners' refreshes stop at the
 * reserve, live reads may spend it. The first call that leaves the remaining at or under the threshold
 * writes {@code collection:budget:low} in the same transaction (once per operation, resource and month).
 */
@ApplicationScoped
public class Budgets {

    /** Who spends: collections keep the reserve for the partner's live reads. */
    public enum Purpose { COLLECTION, LIVE }

    /** A call counted (or refused): the month's figures after it. */
    public record Spent(boolean granted, Operation operation, int used, int limit, int remaining, Instant resetsAt) {
    }

    /** One counter of the month. */
    public record Usage(Operation operation, String resourceId, int used, int throttled) {
    }

    private static final String ENSURE = """
            insert into budget_usage (consent_id, operation, resource_id, month) values (:consent, :op, :resource, :month)
            on conflict do nothing""";
    private static final String SPEND = """
            update budget_usage set used = used + 1
             where consent_id = :consent and operation = :op and resource_id = :resource and month = :month and used < :cap
            returning used""";
    private static final String USED = """
            select used from budget_usage where consent_id = :consent and operation = :op and resource_id = :resource and month = :month""";
    private static final String NOTIFY_LOW = """
            update budget_usage set low_notified = true
             where consent_id = :consent and operation = :op and resource_id = :resource and month = :month and not low_notified""";
    private static final String THROTTLED = """
            update budget_usage set throttled = throttled + 1
             where consent_id = :consent and operation = :op and resource_id = :resource and month = :month""";
    private static final String MONTH = """
            select operation, resource_id, used, throttled from budget_usage where consent_id = :consent and month = :month""";

    private final Policy policy;
    private final Outbox outbox;

    public Budgets(Policy policy, Outbox outbox) {
        this.policy = policy;
        this.outbox = outbox;
    }

    /** Counts one call in its own transaction; refused (not counted) when the cap for this purpose is reached. */
    public Uni<Spent> spend(CollectedConsent consent, Operation op, String resourceId, Purpose purpose) {
        return Panache.withTransaction(() -> spendIn(consent, op, resourceId, purpose));
    }

    /** {@link #spend} inside the caller's transaction. */
    public Uni<Spent> spendIn(CollectedConsent consent, Operation op, String resourceId, Purpose purpose) {
        Instant now = Instant.now();
        String month = policy.month(now);
        String resource = policy.budgetResource(op, resourceId);
        int limit = policy.limit(op);
        int cap = purpose == Purpose.LIVE ? limit : limit - policy.reserve(op);
        return Panache.getSession().chain(session -> session.createNativeQuery(ENSURE)
                .setParameter("consent", consent.id).setParameter("op", op.name())
                .setParameter("resource", resource).setParameter("month", month)
                .executeUpdate()
                .chain(() -> session.createNativeQuery(SPEND, Integer.class)
                        .setParameter("consent", consent.id).setParameter("op", op.name())
                        .setParameter("resource", resource).setParameter("month", month).setParameter("cap", cap)
                        .getResultList())
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return used(consent.id, op, resource, month)
                                .map(used -> new Spent(false, op, used, limit, Math.max(0, limit - used), policy.resetsAt(now)));
                    }
                    int used = rows.get(0);
                    Spent spent = new Spent(true, op, used, limit, Math.max(0, limit - used), policy.resetsAt(now));
                    if (spent.remaining() > policy.lowThreshold(op)) {
                        return Uni.createFrom().item(spent);
                    }
                    return session.createNativeQuery(NOTIFY_LOW)
                            .setParameter("consent", consent.id).setParameter("op", op.name())
                            .setParameter("resource", resource).setParameter("month", month)
                            .executeUpdate()
                            .chain(first -> first == 0 ? Uni.createFrom().item(spent)
                                    : outbox.append(new CollectionBudgetLow(consent.id.toString(), consent.transmitter, op.name(),
                                    resource.isEmpty() ? null : resource, limit, used, spent.remaining(), month,
                                    spent.resetsAt()), consent.eventSubject(), consent.partnerId).replaceWith(spent));
                }));
    }

    /** A counted call the bank answered 429: told apart in the figures. */
    public Uni<Void> throttled(UUID consentId, Operation op, String resourceId) {
        String month = policy.month(Instant.now());
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(THROTTLED)
                .setParameter("consent", consentId).setParameter("op", op.name())
                .setParameter("resource", policy.budgetResource(op, resourceId)).setParameter("month", month)
                .executeUpdate())).replaceWithVoid();
    }

    /** Calls left this month above the reserve (what collections may still spend). */
    public Uni<Integer> remainingForCollection(UUID consentId, Operation op, String resourceId) {
        String month = policy.month(Instant.now());
        return Panache.withSession(() -> used(consentId, op, policy.budgetResource(op, resourceId), month))
                .map(used -> policy.limit(op) - policy.reserve(op) - used);
    }

    /** The month's counters of a consent. */
    public Uni<Map<String, Usage>> month(UUID consentId, Instant at) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(MONTH, Object[].class)
                .setParameter("consent", consentId).setParameter("month", policy.month(at))
                .getResultList()))
                .map(rows -> {
                    Map<String, Usage> usage = new HashMap<>();
                    for (Object[] row : rows) {
                        Operation op = Operation.valueOf((String) row[0]);
                        usage.put(key(op, (String) row[1]), new Usage(op, (String) row[1], ((Number) row[2]).intValue(),
                                ((Number) row[3]).intValue()));
                    }
                    return usage;
                });
    }

    public static String key(Operation op, String budgetResource) {
        return op.name() + "/" + budgetResource;
    }

    private Uni<Integer> used(UUID consentId, Operation op, String resource, String month) {
        return Panache.getSession().chain(session -> session.createNativeQuery(USED, Integer.class)
                .setParameter("consent", consentId).setParameter("op", op.name())
                .setParameter("resource", resource).setParameter("month", month)
                .getResultList()
                .map(rows -> rows.isEmpty() ? 0 : rows.get(0)));
    }

    public Policy policy() {
        return policy;
    }
}
