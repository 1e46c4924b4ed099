package br.com.ponte.collection.api;

import br.com.ponte.collection.budget.Budgets;
import br.com.ponte.collection.config.Policy;
import br.com.ponte.collection.domain.CollectedConsent;
import br.com.ponte.collection.domain.Json;
import br.com.ponte.collection.domain.Operation;
import br.com.ponte.collection.domain.SharedResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A consent's operational-limit budget this month, per operation its permissions allow (and per
 * resource when the bank counts so): limit, used, remaining, the reserve kept for live reads, what
 * collections may still spend, the calls the bank refused with 429, and when the count resets.
 */
@ApplicationScoped
public class BudgetView {

    private final Budgets budgets;
    private final Policy policy;

    public BudgetView(Budgets budgets, Policy policy) {
        this.budgets = budgets;
        this.policy = policy;
    }

    public Uni<JsonNode> of(CollectedConsent consent) {
        Instant now = Instant.now();
        return Panache.withSession(() -> SharedResource.ofConsent(consent.id)).chain(resources -> budgets.month(consent.id, now)
                .map(usage -> body(consent, resources, usage, now)));
    }

    private JsonNode body(CollectedConsent consent, List<SharedResource> resources, Map<String, Budgets.Usage> usage, Instant now) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode data = body.putObject("data");
        data.put("consentId", consent.id.toString());
        data.put("month", policy.month(now));
        data.put("timeZone", policy.zone().getId());
        data.put("resetsAt", policy.resetsAt(now).toString());
        ArrayNode operations = data.putArray("operations");
        List<String> permissions = consent.permissionList();
        for (Operation op : Operation.values()) {
            if (!permissions.contains(op.permission())) {
                continue;
            }
            if (op.perResource() && !policy.budgetResource(op, "x").isEmpty()) {
                resources.stream().filter(r -> r.type.equals(op.resourceType()))
                        .forEach(r -> line(operations, op, r.resourceId, usage.get(Budgets.key(op, r.resourceId))));
            } else {
                line(operations, op, null, usage.get(Budgets.key(op, "")));
            }
        }
        body.putObject("meta").put("totalRecords", operations.size()).put("totalPages", 1)
                .put("requestDateTime", DataResponse.now().toString());
        return body;
    }

    private void line(ArrayNode operations, Operation op, String resourceId, Budgets.Usage usage) {
        int limit = policy.limit(op);
        int used = usage == null ? 0 : usage.used();
        int reserve = policy.reserve(op);
        ObjectNode line = operations.addObject().put("operation", op.name()).put("group", op.group().name());
        if (resourceId != null) {
            line.put("resourceId", resourceId);
        }
        line.put("limit", limit).put("used", used).put("remaining", Math.max(0, limit - used)).put("reserve", reserve)
                .put("availableForCollection", Math.max(0, limit - reserve - used))
                .put("throttled", usage == null ? 0 : usage.throttled());
    }
}
