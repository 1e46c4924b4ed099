package br.com.ponte.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Samples {@code pg_stat_activity} every few milliseconds while a phase runs: what the dispatcher's
 * connections to database {@code webhook} are doing. "idle" = waiting for the dispatcher to send
 * the next statement outside a transaction, "idle in transaction" = a transaction is open and
 * PostgreSQL waits for the dispatcher, "active" = executing (on CPU, or waiting on the named event,
 * e.g. IO:WALSync for a commit's flush or LWLock:WALWrite).
 */
final class PgActivitySampler implements AutoCloseable {

    private static final String QUERY = """
            select state, wait_event_type, wait_event from pg_stat_activity
             where datname = 'webhook' and backend_type = 'client backend' and pid <> pg_backend_pid()""";

    private final Connection connection;
    private final long intervalMillis;
    private final Map<String, Long> tally = new HashMap<>();
    private long samples;
    private Thread thread;
    private volatile boolean running;

    PgActivitySampler(Supplier<Connection> connections, long intervalMillis) {
        this.connection = connections.get();
        this.intervalMillis = intervalMillis;
    }

    synchronized void start() {
        tally.clear();
        samples = 0;
        running = true;
        thread = new Thread(this::loop, "bench-pg-activity");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops sampling; returns e.g. "avg connections: 1.2 idle in transaction, 0.8 active (CPU), ...". */
    String stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (samples == 0) {
                return "no samples";
            }
            List<Map.Entry<String, Long>> entries = new ArrayList<>(tally.entrySet());
            entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
            StringBuilder out = new StringBuilder();
            for (Map.Entry<String, Long> e : entries) {
                double average = (double) e.getValue() / samples;
                if (average < 0.05) {
                    continue;
                }
                if (!out.isEmpty()) {
                    out.append(", ");
                }
                out.append(String.format(Locale.ROOT, "%.1f %s", average, e.getKey()));
            }
            return "average connections " + (out.isEmpty() ? "none busy" : out) + " (" + samples + " samples)";
        }
    }

    private void loop() {
        try (Statement statement = connection.createStatement()) {
            while (running) {
                Map<String, Long> one = new HashMap<>();
                try (ResultSet rs = statement.executeQuery(QUERY)) {
                    while (rs.next()) {
                        String state = rs.getString(1);
                        String type = rs.getString(2);
                        String event = rs.getString(3);
                        String key;
                        if ("active".equals(state)) {
                            key = type == null ? "active (CPU)" : "active waiting " + type + ":" + event;
                        } else {
                            key = state == null ? "unknown" : state;
                        }
                        one.merge(key, 1L, Long::sum);
                    }
                }
                synchronized (this) {
                    one.forEach((k, v) -> tally.merge(k, v, Long::sum));
                    samples++;
                }
                Thread.sleep(intervalMillis);
            }
        } catch (SQLException e) {
            // the database went away (shutdown); what was sampled stays
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // best effort
        }
    }
}
