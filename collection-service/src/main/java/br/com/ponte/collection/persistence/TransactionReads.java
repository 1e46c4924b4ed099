package br.com.ponte.collection.persistence;

import br.com.ponte.collection.domain.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Reads of collected transactions: one resource's, by booking date with a keyset cursor (booking
 * date, then transactionId), and a partner's change feed, by position.
 */
@ApplicationScoped
public class TransactionReads {

    public static final LocalDate NO_DATE = LocalDate.of(1, 1, 1);
    public static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

    /** A stored transaction. */
    public record Row(UUID consentId, String resourceId, String transactionId, LocalDate bookingDate, JsonNode body,
                      long position, long createdPosition) {
    }

    private static final String PAGE = """
            select consent_id, resource_id, transaction_id, cast(coalesce(booking_date, date '0001-01-01') as text),
                   cast(body as text), position, created_position
              from collected_transaction
             where consent_id = :consent and resource_id = :resource
               and coalesce(booking_date, date '0001-01-01') between :from and :to
               and (coalesce(booking_date, date '0001-01-01'), transaction_id) > (:afterDate, :afterId)
             order by coalesce(booking_date, date '0001-01-01'), transaction_id
             limit :limit""";
    private static final String COUNT = """
            select count(*) from collected_transaction
             where consent_id = :consent and resource_id = :resource
               and coalesce(booking_date, date '0001-01-01') between :from and :to""";
    private static final String CHANGES = """
            select consent_id, resource_id, transaction_id, cast(coalesce(booking_date, date '0001-01-01') as text),
                   cast(body as text), position, created_position
              from collected_transaction
             where partner_id = :partner and position > :since
             order by position
             limit :limit""";
    private static final String LAST_POSITION = """
            select last_position from partner_cursor where partner_id = :partner""";

    public Uni<List<Row>> page(UUID consentId, String resourceId, LocalDate from, LocalDate to, LocalDate afterDate,
                               String afterId, int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(PAGE, Object[].class)
                .setParameter("consent", consentId).setParameter("resource", resourceId)
                .setParameter("from", from).setParameter("to", to)
                .setParameter("afterDate", afterDate).setParameter("afterId", afterId)
                .setParameter("limit", limit)
                .getResultList())).map(TransactionReads::rows);
    }

    public Uni<Long> count(UUID consentId, String resourceId, LocalDate from, LocalDate to) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(COUNT, Long.class)
                .setParameter("consent", consentId).setParameter("resource", resourceId)
                .setParameter("from", from).setParameter("to", to)
                .getSingleResult()));
    }

    /** The partner's changes after {@code since}, in position order. */
    public Uni<List<Row>> changes(String partnerId, long since, int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(CHANGES, Object[].class)
                .setParameter("partner", partnerId).setParameter("since", since).setParameter("limit", limit)
                .getResultList())).map(TransactionReads::rows);
    }

    /** The last position given out to the partner (0 before any). */
    public Uni<Long> lastPosition(String partnerId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(LAST_POSITION, Long.class)
                .setParameter("partner", partnerId).getResultList()))
                .map(rows -> rows.isEmpty() ? 0L : rows.get(0));
    }

    private static List<Row> rows(List<Object[]> rows) {
        return rows.stream().map(r -> new Row((UUID) r[0], (String) r[1], (String) r[2], LocalDate.parse((String) r[3]),
                Json.read((String) r[4]), ((Number) r[5]).longValue(), ((Number) r[6]).longValue())).toList();
    }
}
