package br.com.ponte.collection.domain;

import br.com.ponte.collection.budget.Budgets;
import br.com.ponte.collection.config.CollectionConfig;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.api.IdempotencyKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A partner's refresh of a consent's data groups: each task of the groups (of an available resource)
 * is made due now, in a run per group ({@code collection:started}), unless it cannot help: already
 * due or running, collected less than {@code refresh-min-age} ago, or its operation has no budget left
 * above the reserve this month. Nothing to schedule is refused: 429 {@code LIMITE_OPERACIONAL_ATINGIDO}
 * when the budget is why, 422 {@code ATUALIZACAO_DESNECESSARIA} otherwise. An {@code x-idempotency-key}
 * replays the first answer; with another request, 422 {@code ERRO_IDEMPOTENCIA}.
 */
@ApplicationScoped
public class Refreshes {

    private static final String FIND = """
            select request_hash, response from refresh_request where partner_id = :partner and idempotency_key = :key""";
    private static final String REMEMBER = """
            insert into refresh_request (partner_id, idempotency_key, request_hash, response, created_at)
            values (:partner, :key, :hash, :response, :now)""";

    private final Tasks tasks;
    private final Budgets budgets;
    private final CollectionConfig config;

    public Refreshes(Tasks tasks, Budgets budgets, CollectionConfig config) {
        this.tasks = tasks;
        this.budgets = budgets;
        this.config = config;
    }

    /** The 202 body: what was scheduled, what was already due, what was skipped and why. */
    public Uni<JsonNode> refresh(String partnerId, UUID consentId, Set<DataGroup> groups, String idempotencyKey, String requestHash) {
        return Panache.withTransaction(() -> replay(partnerId, idempotencyKey, requestHash).chain(previous -> {
            if (previous != null) {
                return Uni.createFrom().item(previous);
            }
            return CollectedConsent.<CollectedConsent>findById(consentId, LockModeType.PESSIMISTIC_WRITE).chain(consent -> {
                if (consent == null || !consent.partnerId.equals(partnerId)) {
                    throw ApiException.notFound("No sharing consent " + consentId);
                }
                if (consent.status != ConsentStatus.AUTHORISED) {
                    throw ApiException.unprocessable("CONSENTIMENTO_INVALIDO", "The sharing consent is " + consent.status
                            + ": nothing more is collected");
                }
                return plan(consent, groups).chain(body -> remember(partnerId, idempotencyKey, requestHash, body));
            });
        }));
    }

    private Uni<JsonNode> plan(CollectedConsent consent, Set<DataGroup> groups) {
        Instant now = Instant.now();
        ArrayNode already = Json.MAPPER.createArrayNode();
        ArrayNode skipped = Json.MAPPER.createArrayNode();
        List<Tasks.Planned> planned = new ArrayList<>();
        boolean[] budgetShort = {false};
        return CollectionTask.ofConsent(consent.id).chain(all -> Multi.createFrom().iterable(all)
                .filter(t -> groups.contains(t.operation.group()) && t.status != TaskStatus.STOPPED)
                .onItem().transformToUniAndConcatenate(task -> {
                    if (task.status == TaskStatus.RUNNING || (task.status == TaskStatus.SCHEDULED && !task.nextRunAt.isAfter(now))) {
                        item(already, task, null, null);
                        return Uni.createFrom().voidItem();
                    }
                    if (task.lastSuccessAt != null && task.lastSuccessAt.isAfter(now.minus(config.refreshMinAge()))) {
                        item(skipped, task, "FRESH", "collected at " + task.lastSuccessAt + ", less than "
                                + config.refreshMinAge() + " ago: a read now cannot help");
                        return Uni.createFrom().voidItem();
                    }
                    Operation regular = task.historyFrom == null ? task.operation : task.operation.current();
                    return budgets.remainingForCollection(consent.id, regular, task.resourceId).invoke(left -> {
                        if (left <= 0) {
                            budgetShort[0] = true;
                            item(skipped, task, "BUDGET", regular + " has no calls left this month above the reserve kept for "
                                    + "live reads; the count starts again at " + budgets.policy().resetsAt(now));
                        } else {
                            planned.add(new Tasks.Planned(task.operation, task.resourceId));
                        }
                    }).replaceWithVoid();
                })
                .collect().last()
                .chain(() -> {
                    if (planned.isEmpty() && already.isEmpty()) {
                        if (budgetShort[0]) {
                            throw new ApiException(429, "LIMITE_OPERACIONAL_ATINGIDO", "Limite operacional atingido",
                                    "No operation of " + groups + " can be refreshed within this month's budget: " + skipped);
                        }
                        throw ApiException.unprocessable("ATUALIZACAO_DESNECESSARIA", "Nothing of " + groups
                                + " can be refreshed usefully now: " + skipped);
                    }
                    return tasks.plan(consent, planned, CollectionRun.ON_DEMAND, now, now);
                })
                .chain(() -> CollectionRun.<CollectionRun>list("consentId = ?1 and status = ?2", consent.id, RunStatus.RUNNING))
                .map(runs -> {
                    ObjectNode body = Json.MAPPER.createObjectNode();
                    ObjectNode data = body.putObject("data");
                    data.put("consentId", consent.id.toString());
                    ArrayNode collections = data.putArray("collections");
                    runs.stream().filter(r -> groups.contains(r.group))
                            .forEach(r -> collections.addObject().put("collectionId", r.id.toString()).put("group", r.group.name())
                                    .put("trigger", r.trigger));
                    ArrayNode scheduled = data.putArray("scheduled");
                    planned.forEach(p -> {
                        ObjectNode o = scheduled.addObject().put("operation", p.operation().name()).put("group", p.operation().group().name());
                        if (!p.resourceId().isEmpty()) {
                            o.put("resourceId", p.resourceId());
                        }
                    });
                    data.set("alreadyDue", already);
                    data.set("skipped", skipped);
                    body.putObject("meta").put("requestDateTime", now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
                    return body;
                }));
    }

    private static void item(ArrayNode list, CollectionTask task, String reason, String detail) {
        ObjectNode o = list.addObject().put("operation", task.operation.name()).put("group", task.operation.group().name());
        if (task.resourceOrNull() != null) {
            o.put("resourceId", task.resourceId);
        }
        if (reason != null) {
            o.put("reason", reason).put("detail", detail);
        }
    }

    /** Groups named by the partner; every group when none is. */
    public static Set<DataGroup> groups(List<String> names) {
        if (names == null || names.isEmpty()) {
            return new LinkedHashSet<>(List.of(DataGroup.values()));
        }
        Set<DataGroup> groups = new LinkedHashSet<>();
        for (String name : names) {
            try {
                groups.add(DataGroup.valueOf(name));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw ApiException.badRequest("PARAMETRO_INVALIDO", "groups: '" + name + "' is none of "
                        + java.util.Arrays.toString(DataGroup.values()));
            }
        }
        return groups;
    }

    private Uni<JsonNode> replay(String partnerId, String key, String hash) {
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(FIND, Object[].class)
                .setParameter("partner", partnerId).setParameter("key", key).getResultList()).map(rows -> {
            if (rows.isEmpty()) {
                return null;
            }
            if (!rows.get(0)[0].equals(hash)) {
                throw IdempotencyKeys.reusedWithAnotherRequest(key);
            }
            return Json.read((String) rows.get(0)[1]);
        });
    }

    private Uni<JsonNode> remember(String partnerId, String key, String hash, JsonNode body) {
        if (key == null) {
            return Uni.createFrom().item(body);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(REMEMBER)
                .setParameter("partner", partnerId).setParameter("key", key).setParameter("hash", hash)
                .setParameter("response", body.toString()).setParameter("now", Instant.now().atOffset(ZoneOffset.UTC))
                .executeUpdate()).replaceWith(body);
    }
}
