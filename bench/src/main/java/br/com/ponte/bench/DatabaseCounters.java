package br.com.ponte.bench;

import br.com.ponte.infra.EmbeddedPostgresServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The platform's PostgreSQL work per database from {@code pg_stat_database}: transactions committed
 * (a statement outside a transaction counts as one) and rows written. Two snapshots around a phase
 * give the work per partner call; approximate, since a backend that goes idle may report its last
 * half second late.
 */
final class DatabaseCounters implements AutoCloseable {

    /** Per database: commits and rows written (inserted, updated, deleted). */
    record Snapshot(Map<String, long[]> counters) {
    }

    private final Connection connection;
    private final List<String> databases;

    DatabaseCounters(EmbeddedPostgresServer postgres, List<String> databases) throws SQLException {
        this.connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
        this.databases = databases;
    }

    Snapshot snapshot() throws SQLException {
        Map<String, long[]> counters = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement("select datname, xact_commit, tup_inserted + tup_updated"
                + " + tup_deleted from pg_stat_database where datname = any(?)")) {
            query.setArray(1, connection.createArrayOf("text", databases.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counters.put(rows.getString(1), new long[]{rows.getLong(2), rows.getLong(3)});
                }
            }
        }
        return new Snapshot(counters);
    }

    /** Each database's commits and rows written per call between the snapshots, e.g. "consent 3.0 commits, 4.1 rows". */
    static String perCall(Snapshot before, Snapshot after, int calls) {
        List<String> described = new ArrayList<>();
        after.counters().forEach((database, counters) -> {
            long[] was = before.counters().get(database);
            described.add(String.format(Locale.ROOT, "%s %.1f commits, %.1f rows", database,
                    (counters[0] - was[0]) / (double) calls, (counters[1] - was[1]) / (double) calls));
        });
        return String.join("; ", described) + " per call (approximate)";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
