package br.com.ponte.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the machine's CPU goes during a phase, from Linux's {@code /proc}: the dispatcher JVM, this
 * JVM (Kafka broker, producer, receiver), PostgreSQL (postmaster and its backends) and the whole
 * machine, so that "other processes" (another build, ...) show up too. Prints nothing useful
 * elsewhere than Linux.
 */
final class CpuMeter {

    static final double TICKS_PER_SECOND = 100.0; // USER_HZ, 100 on every mainstream Linux

    /** CPU seconds per component at one instant, and the machine's counters. */
    record Snapshot(long nanos, double dispatcher, double bench, double postgres,
                    double machineBusy, double machineIdle, double machineIowait, Map<Long, ThreadTicks> dispatcherThreads,
                    Map<Long, ThreadTicks> benchThreads, Map<Long, ThreadTicks> postgresProcesses,
                    long cpuPressureMicros, long ioPressureMicros) {
    }

    /**
     * One thread: its name as Linux keeps it (15 characters at most), its CPU ticks so far and, from
     * {@code schedstat}, nanoseconds on a CPU and runnable but waiting for one (-1 when unavailable).
     */
    record ThreadTicks(String name, long ticks, long runNanos, long waitNanos) {
    }

    private final long dispatcherPid;
    private final long benchPid = ProcessHandle.current().pid();
    private final Path postmasterPidFile;

    CpuMeter(long dispatcherPid, Path postgresDataDir) {
        this.dispatcherPid = dispatcherPid;
        this.postmasterPidFile = postgresDataDir == null ? null : postgresDataDir.resolve("postmaster.pid");
    }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/stat"));
    }

    Snapshot snapshot() {
        double[] machine = machine();
        return new Snapshot(System.nanoTime(), processSeconds(dispatcherPid, false), processSeconds(benchPid, false),
                postgresSeconds(), machine[0], machine[1], machine[2], threads(dispatcherPid), threads(benchPid),
                postgresProcesses(), pressure("cpu"), pressure("io"));
    }

    /**
     * The dispatcher's (or this JVM's) busiest thread groups (names without their numbers), e.g.
     * "vert.x-eventloo x4 85% (busiest 60%)", in % of one core.
     */
    static String describeThreads(Snapshot a, Snapshot b, boolean dispatcher, int top) {
        return describeGroups(dispatcher ? a.dispatcherThreads() : a.benchThreads(),
                dispatcher ? b.dispatcherThreads() : b.benchThreads(), (b.nanos() - a.nanos()) / 1e9, top);
    }

    /** PostgreSQL's processes by kind: client backends, walsender (the outbox relay), walwriter, autovacuum, ... */
    static String describePostgres(Snapshot a, Snapshot b, int top) {
        return describeGroups(a.postgresProcesses(), b.postgresProcesses(), (b.nanos() - a.nanos()) / 1e9, top);
    }

    private static String describeGroups(Map<Long, ThreadTicks> before, Map<Long, ThreadTicks> after, double wall, int top) {
        if (after.isEmpty()) {
            return "n/a";
        }
        Map<String, double[]> groups = new HashMap<>(); // name -> {total %, threads, busiest %, run-queue wait %}
        after.forEach((tid, t) -> {
            ThreadTicks earlier = before.get(tid);
            double pct;
            double waiting = 0;
            if (t.runNanos() >= 0 && (earlier == null || earlier.runNanos() >= 0)) {
                pct = pct((t.runNanos() - (earlier == null ? 0 : earlier.runNanos())) / 1e9, wall);
                waiting = pct((t.waitNanos() - (earlier == null ? 0 : earlier.waitNanos())) / 1e9, wall);
            } else {
                pct = pct((t.ticks() - (earlier == null ? 0 : earlier.ticks())) / TICKS_PER_SECOND, wall);
            }
            String group = t.name().replaceAll("#?\\d+$", "").replaceAll("[-_ ]+$", "");
            double[] g = groups.computeIfAbsent(group, k -> new double[4]);
            g[0] += pct;
            g[1]++;
            g[2] = Math.max(g[2], pct);
            g[3] += waiting;
        });
        List<Map.Entry<String, double[]>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort((x, y) -> Double.compare(y.getValue()[0], x.getValue()[0]));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, double[]> e : sorted.subList(0, Math.min(top, sorted.size()))) {
            double[] g = e.getValue();
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), g[0]));
            if (g[3] >= 1) {
                out.append(String.format(Locale.ROOT, " +%.0f%% waiting for a core", g[3]));
            }
            if (g[1] > 1) {
                out.append(String.format(Locale.ROOT, " (%d of them, busiest %.0f%%)", (int) g[1], g[2]));
            }
        }
        return out.toString();
    }

    private Map<Long, ThreadTicks> postgresProcesses() {
        Map<Long, ThreadTicks> processes = new HashMap<>();
        if (postmasterPidFile == null) {
            return processes;
        }
        try {
            long postmaster = Long.parseLong(Files.readAllLines(postmasterPidFile).get(0).trim());
            ProcessHandle.of(postmaster).ifPresent(p -> p.children().forEach(child -> {
                try {
                    String title = new String(Files.readAllBytes(Path.of("/proc", Long.toString(child.pid()), "cmdline")))
                            .replace('\0', ' ').trim();
                    String kind = postgresKind(title);
                    ThreadTicks ticks = ticks(Path.of("/proc", Long.toString(child.pid())), kind);
                    if (ticks != null) {
                        processes.put(child.pid(), ticks);
                    }
                } catch (IOException | RuntimeException e) {
                    // ended meanwhile
                }
            }));
        } catch (IOException | RuntimeException e) {
            // not started or gone
        }
        return processes;
    }

    private static String postgresKind(String title) {
        String t = title.startsWith("postgres: ") ? title.substring("postgres: ".length()) : title;
        for (String kind : new String[]{"walsender", "walwriter", "checkpointer", "background writer", "autovacuum",
                "logical replication", "stats collector", "archiver"}) {
            if (t.startsWith(kind)) {
                return kind;
            }
        }
        return "backends";
    }

    /** CPU of one process or thread directory under /proc, or null when it is gone. */
    private static ThreadTicks ticks(Path dir, String name) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long run = -1;
            long wait = -1;
            try {
                String[] sched = Files.readString(dir.resolve("schedstat")).trim().split("\\s+");
                run = Long.parseLong(sched[0]);
                wait = Long.parseLong(sched[1]);
            } catch (IOException | RuntimeException e) {
                // no schedstat in this kernel
            }
            return new ThreadTicks(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), run, wait);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static Map<Long, ThreadTicks> threads(long pid) {
        Map<Long, ThreadTicks> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    ThreadTicks ticks = ticks(task, name);
                    if (ticks != null) {
                        threads.put(Long.parseLong(task.getFileName().toString()), ticks);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc
        }
        return threads;
    }

    /** One line: each component's share, in % of one core (the machine has {@code cores * 100} %). */
    static String describe(Snapshot a, Snapshot b) {
        if (!available()) {
            return "n/a (no /proc)";
        }
        double wall = (b.nanos() - a.nanos()) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        double dispatcher = pct(b.dispatcher() - a.dispatcher(), wall);
        double bench = pct(b.bench() - a.bench(), wall);
        double postgres = b.postgres() < 0 ? Double.NaN : pct(b.postgres() - a.postgres(), wall);
        double busy = pct(b.machineBusy() - a.machineBusy(), wall);
        double idle = pct(b.machineIdle() - a.machineIdle(), wall);
        double iowait = pct(b.machineIowait() - a.machineIowait(), wall);
        double others = busy - dispatcher - bench - (Double.isNaN(postgres) ? 0 : postgres);
        String pressure = "";
        if (a.cpuPressureMicros() >= 0 && b.cpuPressureMicros() >= 0) {
            pressure = String.format(Locale.ROOT, "; some task waiting for a core %.0f%% of the time, for I/O %.0f%%",
                    (b.cpuPressureMicros() - a.cpuPressureMicros()) / 1e4 / wall,
                    (b.ioPressureMicros() - a.ioPressureMicros()) / 1e4 / wall);
        }
        return String.format(Locale.ROOT,
                "dispatcher %.0f%%, PostgreSQL %s, bench JVM (Kafka broker + producer + receiver) %.0f%%, "
                        + "other processes %.0f%%; machine busy %.0f%% of %d%%, idle %.0f%%, iowait %.0f%%%s",
                dispatcher, Double.isNaN(postgres) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", postgres), bench,
                Math.max(0, others), busy, cores * 100, idle, iowait, pressure);
    }

    private static double pct(double cpuSeconds, double wallSeconds) {
        return wallSeconds <= 0 ? 0 : 100.0 * cpuSeconds / wallSeconds;
    }

    private double postgresSeconds() {
        return postmasterPidFile == null ? -1 : postgresSeconds(postmasterPidFile);
    }

    /** The postmaster of {@code postmasterPidFile} with everything it reaped (cutime) and its live backends; -1 when gone. */
    static double postgresSeconds(Path postmasterPidFile) {
        try {
            List<String> lines = Files.readAllLines(postmasterPidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            double total = processSeconds(pid, true);
            total += ProcessHandle.of(pid).map(h -> h.children().mapToDouble(c -> processSeconds(c.pid(), false)).sum())
                    .orElse(0.0);
            return total;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime (+ cutime + cstime) of a process, in seconds; 0 when it is gone. */
    static double processSeconds(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command (field 2) is in parentheses and may contain spaces: split after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // f[0] is field 3 (state): utime = field 14 -> f[11], stime f[12], cutime f[13], cstime f[14]
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withReapedChildren) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** A process's resident set ({@code VmRSS} of {@code /proc/<pid>/status}) in bytes; -1 when unavailable. */
    static long rssBytes(long pid) {
        long kib = statusKib(pid, "VmRSS");
        return kib < 0 ? -1 : kib * 1024;
    }

    /** A field of {@code /proc/<pid>/status} in KiB (VmRSS: resident now; VmHWM: its peak); -1 when unavailable. */
    static long statusKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or no /proc
        }
        return -1;
    }

    /** Total microseconds some task stalled on the resource (Linux PSI, "some" line); -1 when unavailable. */
    private static long pressure(String resource) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/pressure", resource))) {
                if (line.startsWith("some ")) {
                    return Long.parseLong(line.substring(line.indexOf("total=") + 6).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // no PSI
        }
        return -1;
    }

    /** busy, idle, iowait seconds (summed over all cores) from the first line of /proc/stat. */
    static double[] machine() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long user = Long.parseLong(f[1]);
            long nice = Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]);
            long idle = Long.parseLong(f[4]);
            long iowait = Long.parseLong(f[5]);
            long irq = Long.parseLong(f[6]);
            long softirq = Long.parseLong(f[7]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            return new double[]{(user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND,
                    idle / TICKS_PER_SECOND, iowait / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new double[]{0, 0, 0};
        }
    }
}
