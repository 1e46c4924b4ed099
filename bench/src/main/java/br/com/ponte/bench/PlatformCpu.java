package br.com.ponte.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of each part of a {@link BenchPlatform}, from Linux's {@code /proc} (see {@link CpuMeter}):
 * every service's JVM, PostgreSQL (the postmaster with the backends it reaped and the live ones), the
 * Kafka broker, this JVM (the load and the webhook receiver) and the whole machine, so that other
 * processes (another build, ...) show up too. Two snapshots around a phase give each part's CPU per
 * partner call.
 */
final class PlatformCpu {

    /** CPU seconds per part and, of them, the JIT compiler's; the machine's busy seconds (over every core) and when. */
    record Snapshot(long nanos, Map<String, Double> seconds, Map<String, Double> jitSeconds, double machineBusy) {
    }

    private static final List<String> SERVICES = List.of("consent-service", "payment-service", "certificate-vault",
            "sandbox-bank", "webhook-dispatcher", "collection-service");

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Path postmasterPidFile;

    PlatformCpu(BenchPlatform platform) {
        SERVICES.forEach(service -> pids.put(service, platform.pid(service)));
        String kafka = platform.dataDir().resolve("kafka").toString();
        ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains(kafka)).findFirst()
                .ifPresent(h -> pids.put("Kafka", h.pid()));
        pids.put("bench JVM", ProcessHandle.current().pid());
        this.postmasterPidFile = platform.dataDir().resolve("postgres/postmaster.pid");
    }

    Snapshot snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Double> jitSeconds = new LinkedHashMap<>();
        pids.forEach((part, pid) -> {
            seconds.put(part, CpuMeter.processSeconds(pid, false));
            jitSeconds.put(part, CpuMeter.threads(pid).values().stream().filter(t -> t.name().matches("C[12] CompilerThre.*"))
                    .mapToLong(CpuMeter.ThreadTicks::ticks).sum() / CpuMeter.TICKS_PER_SECOND);
        });
        seconds.put("PostgreSQL", CpuMeter.postgresSeconds(postmasterPidFile));
        jitSeconds.put("PostgreSQL", 0.0);
        return new Snapshot(System.nanoTime(), seconds, jitSeconds, CpuMeter.machine()[0]);
    }

    /**
     * Each part's CPU milliseconds per call between the snapshots (busiest first; of them the JIT compiler's,
     * still at work after the warm-up), and how busy the machine was.
     */
    static String perCall(Snapshot before, Snapshot after, int calls) {
        return describe(before, after, 1000.0 / calls, "%.1f", " ms per call");
    }

    /** Each part's CPU between the snapshots in % of one core (busiest first), and how busy the machine was. */
    static String perSecond(Snapshot before, Snapshot after) {
        return describe(before, after, 100 / ((after.nanos() - before.nanos()) / 1e9), "%.0f%%", " of a core");
    }

    /** Each part's CPU seconds between the snapshots times {@code scale}, in {@code format}. */
    private static String describe(Snapshot before, Snapshot after, double scale, String format, String unit) {
        List<Map.Entry<String, Double>> parts = new ArrayList<>();
        after.seconds().forEach((part, seconds) -> parts.add(Map.entry(part, seconds - before.seconds().get(part))));
        parts.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        List<String> described = new ArrayList<>();
        double total = 0;
        for (Map.Entry<String, Double> part : parts) {
            total += part.getValue();
            double jit = after.jitSeconds().get(part.getKey()) - before.jitSeconds().get(part.getKey());
            if (part.getValue() > 0) {
                described.add(part.getKey() + " " + String.format(Locale.ROOT, format, scale * part.getValue())
                        + (jit > 0 ? " (JIT " + String.format(Locale.ROOT, format, scale * jit) + ")" : ""));
            }
        }
        double wall = (after.nanos() - before.nanos()) / 1e9;
        double busy = after.machineBusy() - before.machineBusy();
        return String.format(Locale.ROOT, "%s%s (%s in all); machine busy %.0f%% of %d%%, other processes %.0f%%",
                String.join(", ", described), unit, String.format(Locale.ROOT, format, scale * total), 100 * busy / wall,
                100 * Runtime.getRuntime().availableProcessors(), Math.max(0, 100 * (busy - total) / wall));
    }
}
