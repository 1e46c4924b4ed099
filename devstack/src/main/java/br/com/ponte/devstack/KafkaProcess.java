package br.com.ponte.devstack;

import br.com.ponte.infra.EmbeddedKafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The platform's Kafka broker, a process of its own (embedded-infra's broker, run by its
 * {@code main}), so that it can be killed as a crashed broker would be and started again on its
 * data. It logs to {@code kafka.log}; it stops by itself when the JVM that started it is gone.
 */
final class KafkaProcess implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 90;

    private final Process process;
    private final EmbeddedKafka broker;

    private KafkaProcess(Process process, EmbeddedKafka broker) {
        this.process = process;
        this.broker = broker;
    }

    /** Starts the broker on {@code port} with its data in {@code dataDir} and waits until it serves. */
    static KafkaProcess start(Path dataDir, int port, Path logDir) {
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve("kafka.log");
            long from = Files.exists(log) ? Files.size(log) : 0;
            Process process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"),
                    EmbeddedKafka.class.getName(), dataDir.toAbsolutePath().toString(), Integer.toString(port)))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
            while (!started(log, from)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited with code " + process.exitValue() + "; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Kafka did not start in time; see " + log);
                }
                Thread.sleep(100);
            }
            return new KafkaProcess(process, EmbeddedKafka.attach("localhost:" + port));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Kafka", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting Kafka", e);
        }
    }

    /** Whether what this start wrote to the log (from byte {@code from} on; restarts append) says it serves. */
    private static boolean started(Path log, long from) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        return from < bytes.length && new String(bytes, (int) from, bytes.length - (int) from, StandardCharsets.UTF_8)
                .lines().anyMatch(line -> line.startsWith("started on "));
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    void createTopics(int partitions, String... names) {
        broker.createTopics(partitions, names);
    }

    /** Kills the broker at once (SIGKILL): no controlled shutdown, nothing flushed by it. */
    void kill() {
        broker.close();
        process.destroyForcibly();
        waitForExit(10);
    }

    /** Stops the broker gracefully (SIGTERM runs its controlled shutdown), killing it if it lingers. */
    @Override
    public void close() {
        broker.close();
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(30)) {
            process.destroyForcibly();
            waitForExit(5);
        }
    }

    private boolean waitForExit(long seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
