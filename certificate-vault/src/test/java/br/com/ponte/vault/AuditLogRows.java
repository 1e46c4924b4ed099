package br.com.ponte.vault;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;

/**
 * The audit log is written from Kafka, a moment after the action it records (outbox, relay, the
 * vault's consumer). Tests that compare a partner's rows before and after something wait for it to
 * settle first, or leave it out where accepted actions and compared ones interleave.
 */
final class AuditLogRows {

    private AuditLogRows() {
    }

    /** Waits until every audit event of the partner written to the outbox is in {@code audit_log}. */
    static void awaitSettled(int dbPort, String partnerId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/vault",
                    "postgres", "postgres");
                 PreparedStatement q = db.prepareStatement("select (select count(*) from outbox where partner_id = ? "
                         + "and aggregatetype = 'audit.events') - (select count(*) from audit_log where partner_id = ?)")) {
                q.setString(1, partnerId);
                q.setString(2, partnerId);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) == 0;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Row counts without {@code audit_log}; the outbox still shows any audit event a request wrote. */
    static Map<String, Long> withoutAuditLog(Map<String, Long> counts) {
        Map<String, Long> rest = new TreeMap<>(counts);
        rest.remove("audit_log");
        return rest;
    }
}
