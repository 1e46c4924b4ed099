package br.com.ponte.infra.fuzz;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * How many rows one partner has in every table of a service's database that names a partner
 * ({@code partner_id}), plus the whole count of tables given by name. Counting one partner's rows
 * keeps the service's own timers and other tests' data out of the comparison.
 */
public final class RowCounts implements Supplier<Map<String, Long>>, AutoCloseable {

    private final Connection connection;
    private final PreparedStatement count;
    private final int partnerParameters;
    private final String partnerId;

    /** The counts in {@code database} of the embedded PostgreSQL on {@code port} (user and password {@code postgres}). */
    public static RowCounts of(int port, String database, String partnerId, String... wholeTables) {
        return new RowCounts("jdbc:postgresql://localhost:" + port + "/" + database, "postgres", "postgres", partnerId, wholeTables);
    }

    public RowCounts(String jdbcUrl, String user, String password, String partnerId, String... wholeTables) {
        this.partnerId = partnerId;
        try {
            this.connection = DriverManager.getConnection(jdbcUrl, user, password);
            List<String> partnerTables = new ArrayList<>();
            try (PreparedStatement tables = connection.prepareStatement("select table_name from information_schema.columns "
                    + "where table_schema = 'public' and column_name = 'partner_id' order by table_name");
                 ResultSet rs = tables.executeQuery()) {
                while (rs.next()) {
                    partnerTables.add(rs.getString(1));
                }
            }
            List<String> parts = new ArrayList<>();
            for (String table : partnerTables) {
                parts.add("select '" + table + "', count(*) from " + table + " where partner_id::text = ?");
            }
            for (String table : wholeTables) {
                parts.add("select '" + table + "', count(*) from " + table);
            }
            if (parts.isEmpty()) {
                throw new IllegalStateException("No table to count in " + jdbcUrl);
            }
            this.partnerParameters = partnerTables.size();
            this.count = connection.prepareStatement(String.join(" union all ", parts));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, Long> get() {
        try {
            for (int i = 1; i <= partnerParameters; i++) {
                count.setString(i, partnerId);
            }
            Map<String, Long> counts = new TreeMap<>();
            try (ResultSet rs = count.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
