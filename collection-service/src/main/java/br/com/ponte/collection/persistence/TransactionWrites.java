package br.com.ponte.collection.persistence;

import br.com.ponte.collection.domain.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The hot path of collection, in raw SQL: the bulk upsert of a page run of transactions (a customer's
 * 12 months, tens of thousands of rows) as one statement per {@value #BATCH} rows, the rows sent as one
 * JSON parameter ({@code jsonb_to_recordset}) rather than one statement each (the collection benchmark
 * in the README). Identity is (consent, resource, the bank's {@code transactionId}): a row whose body
 * is unchanged is left alone; a new one or a real change takes a new change-feed position of the
 * partner. Positions come from the partner's {@code partner_cursor} row, locked first, so the
 * partner's writers commit in position order and a reader of the feed never skips one. Runs inside
 * the caller's transaction.
 */
@ApplicationScoped
public class TransactionWrites {

    static final int BATCH = 1000;

    /** What a write changed: counts, and the change-feed cursor before and after. */
    public record Written(int created, int updated, long since, long cursor) {

        public boolean changed() {
            return created + updated > 0;
        }
    }

    private static final String ENSURE_CURSOR = """
            insert into partner_cursor (partner_id, last_position) values (:partner, 0) on conflict do nothing""";
    private static final String LOCK_CURSOR = """
            select last_position from partner_cursor where partner_id = :partner for update""";
    private static final String ADVANCE_CURSOR = """
            update partner_cursor set last_position = :position where partner_id = :partner""";
    private static final String UPSERT = """
            insert into collected_transaction as t (consent_id, resource_id, transaction_id, partner_id, booking_date, body,
                                                    created_position, position, collected_at, changed_at)
            select :consent, :resource, r.t, :partner, r.d, r.b, :base + r.o, :base + r.o, :now, :now
              from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(t text, d date, o bigint, b jsonb)
            on conflict (consent_id, resource_id, transaction_id) do update
               set body = excluded.body, booking_date = excluded.booking_date, position = excluded.position,
                   changed_at = excluded.changed_at
             where t.body is distinct from excluded.body
            returning (xmax = 0)""";

    /** Writes {@code transactions} (bank items with a {@code transactionId}) of one resource. */
    public Uni<Written> upsert(String partnerId, UUID consentId, String resourceId, List<JsonNode> transactions, Instant now) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode transaction : transactions) {
            String id = transaction.path("transactionId").asText("");
            if (!id.isEmpty()) {
                byId.put(id, transaction);
            }
        }
        List<Map.Entry<String, JsonNode>> rows = new ArrayList<>(byId.entrySet());
        return Panache.getSession().chain(session -> session.createNativeQuery(ENSURE_CURSOR)
                .setParameter("partner", partnerId).executeUpdate()
                .chain(() -> session.createNativeQuery(LOCK_CURSOR, Long.class).setParameter("partner", partnerId).getSingleResult())
                .chain(since -> batches(session, partnerId, consentId, resourceId, rows, since, now, 0, 0, 0)
                        .chain(counts -> {
                            Written written = new Written(counts[0], counts[1], since, since + rows.size());
                            if (!written.changed()) {
                                return Uni.createFrom().item(new Written(0, 0, since, since));
                            }
                            return session.createNativeQuery(ADVANCE_CURSOR).setParameter("partner", partnerId)
                                    .setParameter("position", written.cursor()).executeUpdate().replaceWith(written);
                        })));
    }

    private Uni<int[]> batches(Mutiny.Session session, String partnerId, UUID consentId, String resourceId,
                               List<Map.Entry<String, JsonNode>> rows, long since, Instant now, int from, int created,
                               int updated) {
        if (from >= rows.size()) {
            return Uni.createFrom().item(new int[]{created, updated});
        }
        int to = Math.min(rows.size(), from + BATCH);
        ArrayNode batch = Json.MAPPER.createArrayNode();
        for (int i = from; i < to; i++) {
            ObjectNode row = batch.addObject();
            row.put("t", rows.get(i).getKey());
            String date = bookingDate(rows.get(i).getValue());
            if (date != null) {
                row.put("d", date);
            } else {
                row.putNull("d");
            }
            row.put("o", i + 1);
            row.set("b", rows.get(i).getValue());
        }
        return session.createNativeQuery(UPSERT, Boolean.class)
                .setParameter("consent", consentId)
                .setParameter("resource", resourceId)
                .setParameter("partner", partnerId)
                .setParameter("base", since)
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .setParameter("rows", batch.toString())
                .getResultList()
                .chain(inserted -> {
                    int c = (int) inserted.stream().filter(Boolean::booleanValue).count();
                    return batches(session, partnerId, consentId, resourceId, rows, since, now, to, created + c,
                            updated + inserted.size() - c);
                });
    }

    /**
     * The day a transaction is filtered by: its {@code transactionDateTime} (accounts v2, credit cards
     * v2), else {@code transactionDate}, else the bill's {@code billPostDate}; null when none is a date.
     */
    public static String bookingDate(JsonNode transaction) {
        for (String field : List.of("transactionDateTime", "transactionDate", "billPostDate", "bookingDate")) {
            String value = transaction.path(field).asText("");
            if (value.length() >= 10 && value.substring(0, 10).matches("\\d{4}-\\d{2}-\\d{2}")) {
                return value.substring(0, 10);
            }
        }
        return null;
    }
}
