package br.com.ponte.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Drives one kind of partner call, each carrying a W3C {@code traceparent} of its own (so the
 * services' access logs tell what it cost where): at a fixed offered rate on a nanosecond schedule
 * (call <i>i</i> is due at start + <i>i</i>/rate; a late send is not skipped and its latency counts
 * from when it was due: no coordinated omission), or flat out from {@code n} clients, each sending
 * its next call as soon as the last one answered.
 */
final class OfferedLoad {

    /**
     * One call: its trace id, when it was due, sent and answered ({@link System#nanoTime}), the status
     * (0: no answer) and the body (the failure, without an answer).
     */
    record Call(String traceId, long dueNanos, long sentNanos, long doneNanos, int status, String body) {

        /** From when the call was due to its answer. */
        double latencyMillis() {
            return (doneNanos - dueNanos) / 1e6;
        }
    }

    private final HttpClient http;

    OfferedLoad(HttpClient http) {
        this.http = http;
    }

    /** The calls {@code next} builds (until it answers null) at {@code rate} per second for {@code length}. */
    List<Call> atRate(double rate, Duration length, Supplier<HttpRequest.Builder> next) {
        List<CompletableFuture<Call>> calls = new ArrayList<>();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        long count = (long) Math.floor(rate * length.toNanos() / 1e9);
        for (long i = 0; i < count; i++) {
            long due = start + (long) (i * 1e9 / rate);
            HttpRequest.Builder request = next.get();
            if (request == null) {
                break;
            }
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            calls.add(send(request, due));
        }
        return calls.stream().map(CompletableFuture::join).toList();
    }

    /** The calls {@code next} builds (until it answers null) from {@code clients} clients for {@code length}. */
    List<Call> flatOut(int clients, Duration length, Supplier<HttpRequest.Builder> next) throws InterruptedException {
        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread client = new Thread(() -> {
                while (System.nanoTime() < end) {
                    HttpRequest.Builder request = next.get();
                    if (request == null) {
                        return;
                    }
                    calls.add(send(request, System.nanoTime()).join());
                }
            }, "bench-client-" + c);
            client.start();
            threads.add(client);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return List.copyOf(calls);
    }

    private CompletableFuture<Call> send(HttpRequest.Builder request, long due) {
        String traceId = traceId();
        request.header("traceparent", traceparent(traceId));
        long sent = System.nanoTime();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> failure == null
                        ? new Call(traceId, due, sent, System.nanoTime(), response.statusCode(), response.body())
                        : new Call(traceId, due, sent, System.nanoTime(), 0, failure.getClass().getSimpleName()));
    }

    /** A random W3C trace id (32 hex digits). */
    static String traceId() {
        return randomHex(32);
    }

    /** A sampled W3C {@code traceparent} of that trace, with a random parent span id. */
    static String traceparent(String traceId) {
        return "00-" + traceId + "-" + randomHex(16) + "-01";
    }

    private static String randomHex(int digits) {
        StringBuilder hex = new StringBuilder(digits);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (hex.length() < digits) {
            hex.append(String.format("%016x", random.nextLong() | 1));
        }
        return hex.substring(0, digits);
    }
}
