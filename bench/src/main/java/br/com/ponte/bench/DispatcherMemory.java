package br.com.ponte.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dispatcher's memory: its resident set from {@code /proc} and its garbage collector's stop-the-world
 * pauses (how many, how long in all, heap in use after the last one) from the {@code -Xlog:gc} file the
 * benchmark starts it with. Collectors that log no pauses (ZGC, Shenandoah) show none.
 */
final class DispatcherMemory {

    // [12.345s][info][gc] GC(7) Pause Young (Allocation Failure) 201M->14M(735M) 3.217ms
    private static final Pattern PAUSE = Pattern.compile(
            "GC\\(\\d+\\) Pause .*? \\d+[KMG]->(\\d+)([KMG])\\(\\d+[KMG]\\) ([\\d.]+)ms");
    private static final double MIB = 1024 * 1024;

    /** One sample; {@code heapAfterGcBytes} is -1 before the first pause. */
    record Sample(long rssBytes, int gcPauses, double gcMillis, long heapAfterGcBytes) {

        /** e.g. "RSS 412 MiB, 37 GC pauses (210 ms in all), heap after the last 58 MiB" */
        String describe() {
            return String.format(Locale.ROOT, "RSS %s, %d GC pauses (%.0f ms in all), heap after the last %s",
                    mib(rssBytes), gcPauses, gcMillis, mib(heapAfterGcBytes));
        }
    }

    private final long pid;
    private final Path gcLog;

    DispatcherMemory(long pid, Path gcLog) {
        this.pid = pid;
        this.gcLog = gcLog;
    }

    /** The JVM option that makes the dispatcher write the log this reads. */
    static String gcLogOption(Path gcLog) {
        return "-Xlog:gc:file=" + gcLog;
    }

    /** One stop-the-world pause of the log: a full collection or not, the heap in use after it, its length. */
    private record Pause(boolean full, long heapAfterBytes, double millis) {
    }

    Sample sample() {
        List<Pause> pauses = pauses();
        return new Sample(CpuMeter.rssBytes(pid), pauses.size(), pauses.stream().mapToDouble(Pause::millis).sum(),
                pauses.isEmpty() ? -1 : pauses.get(pauses.size() - 1).heapAfterBytes());
    }

    /**
     * The live heap: a full collection asked of the dispatcher ({@code jcmd <pid> GC.run}) and the heap in
     * use after it, -1 when it cannot be had. The heap after the last young pause also counts the old
     * generation's garbage awaiting a full collection, so only this one tells a leak from a heap that
     * has not been collected yet.
     */
    long liveHeapBytes() {
        long fullBefore = pauses().stream().filter(Pause::full).count();
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                jcmd.destroyForcibly();
                return -1;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                List<Pause> full = pauses().stream().filter(Pause::full).toList();
                if (full.size() > fullBefore) {
                    return full.get(full.size() - 1).heapAfterBytes();
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    /** Every pause the log holds so far, in order. */
    private List<Pause> pauses() {
        List<Pause> pauses = new ArrayList<>();
        for (String line : gcLines()) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                long heapAfter = Long.parseLong(m.group(1)) << switch (m.group(2)) {
                    case "K" -> 10;
                    case "M" -> 20;
                    default -> 30;
                };
                pauses.add(new Pause(line.contains("Pause Full"), heapAfter, Double.parseDouble(m.group(3))));
            }
        }
        return pauses;
    }

    private List<String> gcLines() {
        try {
            return Files.readAllLines(gcLog);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** e.g. "RSS 310 MiB -> 402 MiB, GC pauses 4 (21 ms) -> 160 (940 ms), heap after the last 31 MiB -> 58 MiB" */
    static String compare(Sample start, Sample end) {
        return String.format(Locale.ROOT, "RSS %s -> %s, GC pauses %d (%.0f ms) -> %d (%.0f ms), heap after the last %s -> %s",
                mib(start.rssBytes()), mib(end.rssBytes()), start.gcPauses(), start.gcMillis(), end.gcPauses(),
                end.gcMillis(), mib(start.heapAfterGcBytes()), mib(end.heapAfterGcBytes()));
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes / MIB);
    }
}
