package br.com.ponte.collection.persistence;

import br.com.ponte.collection.domain.Json;
import br.com.ponte.collection.domain.Operation;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** What a bank answered to an operation, kept as jsonb exactly as it answered (every page's data). */
@ApplicationScoped
public class StoredAnswers {

    /** A stored answer and when it was collected. */
    public record Stored(JsonNode data, Instant collectedAt) {
    }

    private static final String UPSERT = """
            insert into stored_answer (consent_id, operation, resource_id, sub_id, data, collected_at)
            values (:consent, :op, :resource, :sub, cast(cast(:data as text) as jsonb), :now)
            on conflict (consent_id, operation, resource_id, sub_id)
            do update set data = excluded.data, collected_at = excluded.collected_at""";
    private static final String READ = """
            select cast(data as text), to_char(collected_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
              from stored_answer where consent_id = :consent and operation = :op and resource_id = :resource and sub_id = :sub""";

    private static final String SUB_IDS = """
            select sub_id from stored_answer where consent_id = :consent and operation = :op and resource_id = :resource""";

    /** The sub ids (bills) stored for an operation of a resource. */
    public Uni<java.util.Set<String>> subIds(UUID consentId, Operation op, String resourceId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(SUB_IDS, String.class)
                .setParameter("consent", consentId).setParameter("op", op.name()).setParameter("resource", resourceId)
                .getResultList())).map(java.util.HashSet::new);
    }

    /** Inside the caller's transaction. */
    public Uni<Void> put(UUID consentId, Operation op, String resourceId, String subId, JsonNode data, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(UPSERT)
                .setParameter("consent", consentId).setParameter("op", op.name())
                .setParameter("resource", resourceId == null ? "" : resourceId).setParameter("sub", subId == null ? "" : subId)
                .setParameter("data", data.toString()).setParameter("now", now.atOffset(ZoneOffset.UTC))
                .executeUpdate()).replaceWithVoid();
    }

    /** The stored answer, or null when none was collected. */
    public Uni<Stored> get(UUID consentId, Operation op, String resourceId, String subId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(READ, Object[].class)
                .setParameter("consent", consentId).setParameter("op", op.name())
                .setParameter("resource", resourceId == null ? "" : resourceId).setParameter("sub", subId == null ? "" : subId)
                .getResultList()))
                .map(rows -> rows.isEmpty() ? null
                        : new Stored(Json.read((String) rows.get(0)[0]), Instant.parse((String) rows.get(0)[1])));
    }
}
