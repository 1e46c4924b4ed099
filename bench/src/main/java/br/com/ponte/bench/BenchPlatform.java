package br.com.ponte.bench;

import br.com.ponte.devstack.Devstack;
import br.com.ponte.devstack.StackPorts;
import br.com.ponte.infra.Dirs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * The whole platform as {@code ./ponte up} runs it (every service its own JVM, real Kafka and
 * PostgreSQL, sandbox-bank over mutual TLS), started for one benchmark on free ports under a fresh
 * {@code /tmp/ponte-bench-<name>*} directory that closing deletes (unless told to keep it). Closing
 * is idempotent, so a shutdown hook may close it too (Ctrl-C stops the services).
 */
final class BenchPlatform implements AutoCloseable {

    /** Run the services as devstack does (C1 only) instead of with the full JIT, as on Kubernetes. */
    private static final boolean C1_ONLY = Boolean.getBoolean("bench.c1Only");
    private static final List<String> FULL_JIT = List.of("-XX:+UseSerialGC", "-Xmx384m");

    private final Path dataDir;
    private final Devstack stack;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean keepData;

    /** A benchmark on the platform: closing it stops what it started and the platform. */
    interface Benchmark extends AutoCloseable {

        /** 0 when every check held (targets met or not), 2 when one failed. */
        int run() throws Exception;

        @Override
        void close();
    }

    /**
     * A platform benchmark's {@code main}: {@code --help} prints the usage; otherwise the platform
     * under {@code ponte.root}, the benchmark made on it and run, Ctrl-C or a kill stopping the
     * services too (each is its own process), and the exit code: the run's, or 1 on an error.
     */
    static void main(String[] args, String name, String usage, BiFunction<BenchPlatform, PrintStream, Benchmark> benchmark) {
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.println(usage);
            return;
        }
        Path root = Path.of(System.getProperty("ponte.root", ".")).toAbsolutePath().normalize();
        int exit;
        try (Benchmark bench = benchmark.apply(new BenchPlatform(root, name), System.out)) {
            Runtime.getRuntime().addShutdownHook(new Thread(bench::close, "bench-shutdown"));
            exit = bench.run();
        } catch (Throwable e) {
            System.err.println("Benchmark failed: " + e);
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    BenchPlatform(Path root, String name) throws IOException {
        this.dataDir = Files.createTempDirectory("ponte-bench-" + name);
        this.stack = new Devstack(root, dataDir, StackPorts.free(), new PrintStream(OutputStream.nullOutputStream()));
    }

    /** Environment variables for one service (call before {@link #start}). */
    BenchPlatform withEnvironment(String module, Map<String, String> environment) {
        stack.withEnvironment(module, environment);
        return this;
    }

    /** JVM options for one service instead of devstack's (call before {@link #start}). */
    BenchPlatform withJvmOptions(String module, List<String> options) {
        stack.withJvmOptions(module, options);
        return this;
    }

    /** Whether the services run C1 only ({@code -Dbench.c1Only=true}); with the full JIT a warm-up takes longer. */
    static boolean c1Only() {
        return C1_ONLY;
    }

    /**
     * These services with the full JIT, as they run on Kubernetes, unless {@code -Dbench.c1Only} keeps
     * devstack's C1-only JVMs (quicker to start, every RSA operation 5-8 times slower); says which.
     */
    BenchPlatform withFullJit(List<String> modules, PrintStream out) {
        if (!C1_ONLY) {
            modules.forEach(module -> stack.withJvmOptions(module, FULL_JIT));
        }
        out.println("The services run " + (C1_ONLY ? "C1 only (-Dbench.c1Only, as devstack runs them)"
                : "with the full JIT (" + String.join(" ", FULL_JIT) + ")"));
        return this;
    }

    void start(PrintStream out) {
        out.println("Starting the platform (every service its own JVM) under " + dataDir + " ...");
        stack.start();
    }

    Devstack stack() {
        return stack;
    }

    StackPorts ports() {
        return stack.ports();
    }

    Path dataDir() {
        return dataDir;
    }

    /** A service's log file. */
    Path log(String module) {
        return stack.log(module, 0);
    }

    /** The process id of a service's JVM. */
    long pid(String module) {
        return stack.pid(module, 0);
    }

    /** Closing keeps the data directory (the services' logs), e.g. after a failed run. */
    void keepData() {
        keepData = true;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stack.close();
        if (!keepData) {
            Dirs.deleteQuietly(dataDir);
        }
    }
}
