package br.com.ponte.bench;

import br.com.ponte.events.EventTime;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The soak's running report: every {@code window} one line with the deliveries per second that arrived in
 * it, the p99 latency (event time to receipt) of those, the events the dispatcher ingested per second and
 * its memory; at the end, whether the memory stayed flat over the soak's second half.
 */
final class SoakMonitor implements AutoCloseable {

    /** The memory is flat when the resident set grows less than this over the soak's second half. */
    static final double FLAT_GROWTH = 0.10;

    /** The dispatcher's memory {@code seconds} after the start. */
    private record Point(double seconds, DispatcherMemory.Sample memory) {
    }

    private final FastReceiver receiver;
    private final DispatcherMemory memory;
    private final LongSupplier ingested;
    private final PrintStream out;
    private final long windowNanos;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-soak-monitor");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Point> points = new ArrayList<>();
    private long[] window = new long[1024];
    private int inWindow;
    private long[] all = new long[1024];
    private int total;
    private long windowStartNanos = startNanos;
    private long ingestedAtWindowStart;

    /**
     * Starts watching the receiver's arrivals and reporting every {@code window}.
     *
     * @param ingested events the dispatcher ingested so far
     */
    SoakMonitor(FastReceiver receiver, DispatcherMemory memory, LongSupplier ingested, PrintStream out, Duration window) {
        this.receiver = receiver;
        this.memory = memory;
        this.ingested = ingested;
        this.ingestedAtWindowStart = ingested.getAsLong();
        this.out = out;
        this.windowNanos = window.toNanos();
        points.add(new Point(0, memory.sample()));
        receiver.onArrival(this::arrived);
        timer.scheduleAtFixedRate(this::report, windowNanos, windowNanos, TimeUnit.NANOSECONDS);
    }

    private synchronized void arrived(FastReceiver.Receipt receipt) {
        if (receipt.time() == null) {
            return;
        }
        long latency = receipt.wallMillis() - EventTime.parse(receipt.time()).toEpochMilli();
        if (inWindow == window.length) {
            window = Arrays.copyOf(window, inWindow * 2);
        }
        window[inWindow++] = latency;
        if (total == all.length) {
            all = Arrays.copyOf(all, total * 2);
        }
        all[total++] = latency;
    }

    /** One line for the window that just ended (a failure is printed: the timer would stop silently). */
    private void report() {
        try {
            reportWindow();
        } catch (RuntimeException e) {
            out.println("  soak report failed: " + e);
        }
    }

    private void reportWindow() {
        long now = System.nanoTime();
        long[] latencies;
        long windowStart;
        synchronized (this) {
            latencies = Arrays.copyOf(window, inWindow);
            inWindow = 0;
            windowStart = windowStartNanos;
            windowStartNanos = now;
        }
        Arrays.sort(latencies);
        double seconds = (now - windowStart) / 1e9;
        long ingestedNow = ingested.getAsLong();
        Point point = new Point((now - startNanos) / 1e9, memory.sample());
        synchronized (points) {
            points.add(point);
        }
        out.printf(Locale.ROOT, "  %6.0f s: %,7.0f delivered/s, p99 %5d ms, %,7.0f ingested/s; dispatcher %s%n", point.seconds(),
                latencies.length / seconds, DeliveryBenchmark.pct(latencies, 0.99),
                (ingestedNow - ingestedAtWindowStart) / seconds, point.memory().describe());
        ingestedAtWindowStart = ingestedNow;
    }

    /** Stops the timer and reports the window under way, when it holds a second or more. */
    void stop() {
        close();
        if (System.nanoTime() - windowStartNanos >= 1_000_000_000L) {
            report();
        }
    }

    /** Every latency of the soak (ms), sorted. */
    synchronized long[] allLatencies() {
        long[] sorted = Arrays.copyOf(all, total);
        Arrays.sort(sorted);
        return sorted;
    }

    /**
     * The resident set at half the soak and at its end (the samples nearest those times), and whether it
     * grew less than {@value #FLAT_GROWTH} of itself in between.
     */
    String verdict(int soakSeconds) {
        Point half = nearest(soakSeconds / 2.0);
        Point end = nearest(soakSeconds);
        double growth = (end.memory().rssBytes() - half.memory().rssBytes()) / (double) half.memory().rssBytes();
        return String.format(Locale.ROOT, "dispatcher RSS %s at %.0f s, %s at %.0f s: %+.1f %% over the second half: %s "
                        + "(rule: RSS grows < %.0f %% over the soak's second half)",
                DispatcherMemory.mib(half.memory().rssBytes()), half.seconds(), DispatcherMemory.mib(end.memory().rssBytes()),
                end.seconds(), 100 * growth, growth < FLAT_GROWTH ? "memory flat" : "memory NOT flat", 100 * FLAT_GROWTH);
    }

    private Point nearest(double seconds) {
        synchronized (points) {
            return points.stream().min(Comparator.comparingDouble(p -> Math.abs(p.seconds() - seconds))).orElseThrow();
        }
    }

    /** Stops the timer and the watching, without a last line. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        receiver.onArrival(receipt -> { });
    }
}
