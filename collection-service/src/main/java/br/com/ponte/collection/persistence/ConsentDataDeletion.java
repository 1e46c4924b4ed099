package br.com.ponte.collection.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Deletes every row collected under a consent (LGPD), inside the caller's transaction, and counts
 * what went: the consent's row itself stays, with its end and {@code data_deleted_at}, as evidence.
 */
@ApplicationScoped
public class ConsentDataDeletion {

    private static final Map<String, String> DELETES = new LinkedHashMap<>();

    static {
        DELETES.put("ACCOUNT_TRANSACTION", """
                delete from collected_transaction t where t.consent_id = :consent
                   and exists (select 1 from shared_resource r where r.consent_id = t.consent_id
                                and r.resource_id = t.resource_id and r.type = 'ACCOUNT')""");
        DELETES.put("CREDIT_CARD_TRANSACTION", "delete from collected_transaction where consent_id = :consent");
        DELETES.put("STORED_ANSWER", "delete from stored_answer where consent_id = :consent");
        DELETES.put("RESOURCE", "delete from shared_resource where consent_id = :consent");
        DELETES.put("TASK", "delete from collection_task where consent_id = :consent");
        DELETES.put("RUN", "delete from collection_run where consent_id = :consent");
        DELETES.put("BUDGET_COUNTER", "delete from budget_usage where consent_id = :consent");
    }

    /** Rows deleted per kind. */
    public Uni<Map<String, Integer>> deleteAll(UUID consentId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, String> delete : DELETES.entrySet()) {
            chain = chain.chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(delete.getValue())
                    .setParameter("consent", consentId).executeUpdate())
                    .invoke(rows -> counts.put(delete.getKey(), rows)).replaceWithVoid());
        }
        return chain.replaceWith(counts);
    }
}
