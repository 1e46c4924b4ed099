package br.com.ponte.collection.bank;

import br.com.ponte.collection.budget.Budgets;
import br.com.ponte.collection.config.CollectionConfig;
import br.com.ponte.collection.config.Policy;
import br.com.ponte.collection.domain.CollectedConsent;
import br.com.ponte.collection.domain.CollectionTask;
import br.com.ponte.collection.domain.Collections;
import br.com.ponte.collection.domain.ConsentStatus;
import br.com.ponte.collection.domain.Json;
import br.com.ponte.collection.domain.Operation;
import br.com.ponte.collection.domain.TaskStatus;
import br.com.ponte.collection.persistence.StoredAnswers;
import br.com.ponte.fapi.FapiException;
import br.com.ponte.kit.internal.ConsentGrants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Runs one claimed task against the bank: the user's token from consent-service, then the task's
 * operation with every page followed ({@code page-size} as configured, {@code links.next}), each
 * call counted in the budget before it is made (a follow-up page with a {@code pagination-key} is
 * free), through the bank's throttle. Transactions: the first read covers {@code history-months}
 * with the full-history operation; later ones the recent window with {@code transactions-current},
 * and every {@code deep-every} the last {@code deep-window} again with the full operation when its
 * budget above the reserve allows (backdated transactions). Bills: the list, then the transactions
 * of every bill not yet read and of the latest one (a closed bill cannot change). Live reads use the
 * same calls with the reserve.
 */
@ApplicationScoped
public class Collector {

    private static final Logger LOG = Logger.getLogger(Collector.class);
    private static final int MAX_PAGES = 10_000;

    /** Why a run stopped: retry later, wait for budget, or give up. */
    public static final class Stop extends RuntimeException {
        public enum Kind { RETRY, BUDGET, FAIL }

        public final Kind kind;
        public final String code;
        public final Duration wait;
        public final boolean retryable;
        public final Budgets.Spent spent;

        Stop(Kind kind, String code, String detail, Duration wait, boolean retryable, Budgets.Spent spent) {
            super(detail, null, false, false);
            this.kind = kind;
            this.code = code;
            this.wait = wait;
            this.retryable = retryable;
            this.spent = spent;
        }
    }

    /** Every page's data of one operation: an array joined in order, or the object. */
    public record Read(Operation operation, JsonNode data, int calls) {
    }

    private final BankData bank;
    private final BankThrottle throttle;
    private final Budgets budgets;
    private final Policy policy;
    private final CollectionConfig config;
    private final ConsentGrants grants;
    private final Collections collections;
    private final StoredAnswers answers;

    public Collector(BankData bank, BankThrottle throttle, Budgets budgets, Policy policy, CollectionConfig config,
                     ConsentGrants grants, Collections collections, StoredAnswers answers) {
        this.bank = bank;
        this.throttle = throttle;
        this.budgets = budgets;
        this.policy = policy;
        this.config = config;
        this.grants = grants;
        this.collections = collections;
        this.answers = answers;
    }

    /** The bank refused the call (4xx other than 408 and 429); retryable when 401/403. */
    static final String REFUSED = "TRANSMITTER_REFUSED";

    /** Runs a claimed task to its outcome; never fails (every failure is the task's state). */
    public Uni<Void> run(UUID taskId) {
        return Panache.withSession(() -> CollectionTask.<CollectionTask>findById(taskId)
                        .chain(task -> task == null ? Uni.createFrom().nullItem()
                                : CollectedConsent.<CollectedConsent>findById(task.consentId).map(c -> new Object[]{task, c})))
                .chain(found -> {
                    if (found == null) {
                        return Uni.createFrom().voidItem();
                    }
                    CollectionTask task = (CollectionTask) found[0];
                    CollectedConsent consent = (CollectedConsent) found[1];
                    if (task.status != TaskStatus.RUNNING) {
                        return Uni.createFrom().voidItem();
                    }
                    if (consent == null || consent.status != ConsentStatus.AUTHORISED) {
                        return collections.stop(taskId);
                    }
                    return collect(task, consent)
                            .chain(outcome -> collections.succeeded(taskId, outcome))
                            .onFailure().recoverWithUni(e -> failed(task, consent, e));
                })
                .onFailure().invoke(e -> LOG.warnf(e, "Task %s could not be recorded; its lease expires and it runs again", taskId))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> failed(CollectionTask task, CollectedConsent consent, Throwable e) {
        Instant now = Instant.now();
        if (e instanceof Stop stop) {
            return switch (stop.kind) {
                case RETRY -> collections.retry(task.id, now.plus(stop.wait != null ? stop.wait : backoff(task.attempts)),
                        stop.code, stop.getMessage());
                case BUDGET -> collections.deferred(task.id, policy.nextRun(stop.spent.operation(), now, 0), stop.getMessage());
                // a first 401/403 is most often the consent ending at the bank while its sharing:* event is on its
                // way: look again once, a retry later (a consent ended by then stops its tasks without a failure)
                case FAIL -> REFUSED.equals(stop.code) && stop.retryable && task.attempts == 0
                        ? collections.retry(task.id, now.plus(backoff(0)), stop.code, stop.getMessage())
                        : collections.failed(task.id, stop.code, stop.getMessage(), stop.retryable);
            };
        }
        if (ConsentGrants.unusable(e)) {
            return collections.failed(task.id, "CONSENT_UNUSABLE", e.getMessage(), false);
        }
        LOG.debugf(e, "Task %s (%s) failed, retrying", task.id, task.operation);
        return collections.retry(task.id, now.plus(backoff(task.attempts)),
                e instanceof FapiException ? "TRANSMITTER_UNAVAILABLE" : "COLLECTION_ERROR", String.valueOf(e.getMessage()));
    }

    Duration backoff(int attempts) {
        Duration wait = config.retryFirst().multipliedBy(1L << Math.min(attempts, 16));
        return wait.compareTo(config.retryMax()) > 0 ? config.retryMax() : wait;
    }

    private Uni<Collections.Outcome> collect(CollectionTask task, CollectedConsent consent) {
        return grants.grant(consent.id.toString()).chain(grant -> switch (task.operation) {
            case ACCOUNT_TRANSACTIONS, CREDIT_CARD_TRANSACTIONS -> transactions(task, consent, grant.accessToken());
            case CREDIT_CARD_BILLS -> bills(task, consent, grant.accessToken());
            default -> read(consent, grant.accessToken(), task.operation, task.resourceOrNull(), null, Map.of(),
                    Budgets.Purpose.COLLECTION).chain(read -> next(task, task.operation).map(next -> new Collections.Outcome(
                    List.of(new Collections.Answer(task.operation, task.resourceId, null, read.data())), List.of(),
                    Map.of(task.operation.kind(), items(read.data())), null, false, next)));
        });
    }

    private Uni<Collections.Outcome> transactions(CollectionTask task, CollectedConsent consent, String token) {
        Instant now = Instant.now();
        LocalDate today = policy.today(now);
        Operation full = task.operation;
        Operation current = full.current();
        Uni<Operation> choice;
        LocalDate from;
        if (task.historyFrom == null) {
            from = today.minusMonths(config.historyMonths());
            choice = Uni.createFrom().item(full);
        } else {
            boolean deepDue = task.lastDeepAt == null || task.lastDeepAt.plus(config.deepEvery()).isBefore(now);
            boolean gap = task.lastSuccessAt == null || task.lastSuccessAt.isBefore(now.minus(Duration.ofDays(6)));
            LocalDate deepFrom = today.minusDays(config.deepWindow().toDays());
            from = gap ? (task.lastSuccessAt == null ? deepFrom : policy.today(task.lastSuccessAt).minusDays(2)) : deepFrom;
            // The recent window is transactions-current's (7 days, its own larger budget); a longer window needs the full
            // operation, spent only above its reserve.
            choice = (deepDue || gap)
                    ? budgets.remainingForCollection(consent.id, full, task.resourceId).map(left -> left > 0 ? full : current)
                    : Uni.createFrom().item(current);
        }
        return choice.chain(op -> {
            LocalDate windowFrom = op == current ? today.minusDays(6) : from;
            // the full operation also reads an account's scheduled transactions, a month ahead
            LocalDate windowTo = op == full && "ACCOUNT".equals(op.resourceType()) ? today.plusDays(config.futureDays()) : today;
            Map<String, String> query = dates(op, windowFrom, windowTo);
            return read(consent, token, op, task.resourceId, null, query, Budgets.Purpose.COLLECTION)
                    .chain(read -> next(task, current).map(next -> {
                        List<JsonNode> items = new ArrayList<>();
                        read.data().forEach(items::add);
                        return new Collections.Outcome(List.of(), items, Map.of(full.kind(), items.size()),
                                op == full ? windowFrom : null, op == full, next);
                    }));
        });
    }

    private Uni<Collections.Outcome> bills(CollectionTask task, CollectedConsent consent, String token) {
        LocalDate today = policy.today(Instant.now());
        Map<String, String> query = dates(Operation.CREDIT_CARD_BILLS, today.minusMonths(config.historyMonths()), today.plusMonths(2));
        return read(consent, token, Operation.CREDIT_CARD_BILLS, task.resourceId, null, query, Budgets.Purpose.COLLECTION)
                .chain(bills -> answers.subIds(consent.id, Operation.CREDIT_CARD_BILL_TRANSACTIONS, task.resourceId).chain(read -> {
                    List<String> wanted = billsToRead(bills.data(), read);
                    List<Collections.Answer> stored = new ArrayList<>();
                    stored.add(new Collections.Answer(Operation.CREDIT_CARD_BILLS, task.resourceId, null, bills.data()));
                    List<JsonNode> transactions = new ArrayList<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (String billId : wanted) {
                        chain = chain.chain(() -> read(consent, token, Operation.CREDIT_CARD_BILL_TRANSACTIONS, task.resourceId, billId,
                                Map.of(), Budgets.Purpose.COLLECTION)
                                .invoke(bill -> {
                                    stored.add(new Collections.Answer(Operation.CREDIT_CARD_BILL_TRANSACTIONS, task.resourceId, billId,
                                            bill.data()));
                                    bill.data().forEach(transactions::add);
                                })
                                .replaceWithVoid());
                    }
                    // a bill's transactions refused for budget are read on a later run; the bills read so far are kept
                    return chain.onFailure(e -> e instanceof Stop s && s.kind == Stop.Kind.BUDGET).recoverWithNull()
                            .chain(() -> next(task, Operation.CREDIT_CARD_BILLS))
                            .map(next -> new Collections.Outcome(stored, transactions,
                                    Map.of(Operation.CREDIT_CARD_BILLS.kind(), items(bills.data()),
                                            Operation.CREDIT_CARD_BILL_TRANSACTIONS.kind(), transactions.size()),
                                    null, false, next));
                }));
    }

    /** Bills whose transactions are not read yet, and the latest bill (the only one that may still change). */
    public static List<String> billsToRead(JsonNode bills, Set<String> alreadyRead) {
        List<String> wanted = new ArrayList<>();
        String latest = null;
        String latestDue = "";
        for (JsonNode bill : bills) {
            String id = bill.path("billId").asText("");
            if (id.isEmpty()) {
                continue;
            }
            String due = bill.path("dueDate").asText("");
            if (due.compareTo(latestDue) >= 0) {
                latestDue = due;
                latest = id;
            }
            if (!alreadyRead.contains(id)) {
                wanted.add(id);
            }
        }
        if (latest != null && !wanted.contains(latest)) {
            wanted.add(latest);
        }
        return wanted;
    }

    /** The next scheduled run of a task, paced by what its regular operation has left this month. */
    private Uni<Instant> next(CollectionTask task, Operation regular) {
        return budgets.remainingForCollection(task.consentId, regular, task.resourceId)
                .map(left -> policy.nextRun(task.operation, Instant.now(), left));
    }

    private static int items(JsonNode data) {
        return data.isArray() ? data.size() : (data.isMissingNode() || data.isNull() ? 0 : 1);
    }

    /** The date filter of an operation, as its spec names it. */
    public static Map<String, String> dates(Operation op, LocalDate from, LocalDate to) {
        Map<String, String> query = new LinkedHashMap<>();
        op.dateParameter().ifPresent(suffix -> {
            query.put("from" + suffix, from.toString());
            query.put("to" + suffix, to.toString());
        });
        return query;
    }

    /**
     * One operation with every page: each call counted first (refused: a BUDGET stop), a 429 counted as
     * throttled (a RETRY stop after its Retry-After), another refusal a FAIL stop.
     */
    public Uni<Read> read(CollectedConsent consent, String token, Operation op, String resourceId, String billId,
                          Map<String, String> dates, Budgets.Purpose purpose) {
        Map<String, String> query = new LinkedHashMap<>(dates);
        if (op.paged()) {
            query.put("page", "1");
            query.put("page-size", Integer.toString(config.pageSize()));
        }
        Accumulator pages = new Accumulator();
        return counted(consent, op, resourceId, purpose)
                .chain(() -> call(consent, op, resourceId, () -> bank.first(consent.partnerId, consent.transmitter, token, op,
                        resourceId, billId, query)))
                .chain(page -> follow(consent, token, op, resourceId, purpose, pages, page));
    }

    private Uni<Read> follow(CollectedConsent consent, String token, Operation op, String resourceId, Budgets.Purpose purpose,
                             Accumulator pages, BankPage page) {
        pages.add(page.data());
        String next = page.next();
        if (next == null || pages.count >= MAX_PAGES || !pages.seen(next)) {
            return Uni.createFrom().item(new Read(op, pages.data(), pages.count));
        }
        Uni<Void> count = BankPage.free(next) ? Uni.createFrom().voidItem() : counted(consent, op, resourceId, purpose);
        return count.chain(() -> call(consent, op, resourceId, () -> bank.next(consent.partnerId, consent.transmitter, token, next)))
                .chain(p -> follow(consent, token, op, resourceId, purpose, pages, p));
    }

    private Uni<Void> counted(CollectedConsent consent, Operation op, String resourceId, Budgets.Purpose purpose) {
        return budgets.spend(consent, op, resourceId, purpose).invoke(spent -> {
            if (!spent.granted()) {
                throw new Stop(Stop.Kind.BUDGET, "LIMITE_OPERACIONAL_ATINGIDO", op + ": " + spent.used() + " of " + spent.limit()
                        + " calls counted this month" + (purpose == Budgets.Purpose.COLLECTION ? ", the rest kept for live reads" : "")
                        + "; the count starts again at " + spent.resetsAt(), null, true, spent);
            }
        }).replaceWithVoid();
    }

    private Uni<BankPage> call(CollectedConsent consent, Operation op, String resourceId, java.util.function.Supplier<Uni<BankPage>> call) {
        return throttle.call(consent.transmitter, call).chain(page -> {
            if (page.status() == 200) {
                return Uni.createFrom().item(page);
            }
            if (page.status() == 429) {
                Duration wait = page.retryAfter() != null ? page.retryAfter() : config.retryAfterDefault();
                return budgets.throttled(consent.id, op, resourceId).invoke(() -> {
                    throw new Stop(Stop.Kind.RETRY, "TRANSMITTER_RATE_LIMITED", op + ": the bank answered 429 ("
                            + page.errorCode() + "), again after " + wait, wait, true, null);
                }).replaceWith(page);
            }
            if (page.status() >= 500 || page.status() == 408) {
                throw new Stop(Stop.Kind.RETRY, "TRANSMITTER_UNAVAILABLE", op + ": the bank answered HTTP " + page.status()
                        + " (" + page.errorCode() + ")", null, true, null);
            }
            throw new Stop(Stop.Kind.FAIL, REFUSED, op + ": the bank answered HTTP " + page.status() + " ("
                    + page.errorCode() + (page.errorDetail() == null ? "" : ": " + page.errorDetail()) + ")", null,
                    page.status() == 401 || page.status() == 403, null);
        });
    }

    /** The pages of one operation, joined. */
    private static final class Accumulator {
        private final ArrayNode items = Json.MAPPER.createArrayNode();
        private final java.util.Set<String> urls = new java.util.HashSet<>();
        private JsonNode object;
        private int count;

        void add(JsonNode data) {
            count++;
            if (data.isArray()) {
                data.forEach(items::add);
            } else if (!data.isMissingNode()) {
                object = data;
            }
        }

        boolean seen(String url) {
            return urls.add(url);
        }

        JsonNode data() {
            return object != null && items.isEmpty() ? object : items;
        }
    }
}
