package br.com.ponte.sandbox.faults;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Faults the bank plays on purpose, so Ponte's tests can watch it survive a sick bank: a call
 * answered late, or with an error instead of being done (BEFORE), or done and then answered late or
 * with an error (AFTER: the bank did the work, the client never learns it). Each fault matches a
 * method and a path pattern and plays a number of times. An AFTER fault may also forge the answer, as
 * an impostor or a broken bank would: its signed body signed by a key the bank does not publish (under the
 * bank's {@code kid}), or another {@code x-fapi-interaction-id} than the client's.
 */
@ApplicationScoped
public class Faults {

    public enum Phase { BEFORE, AFTER }

    /** How an AFTER fault forges the answer it lets through. */
    public enum Forgery { SIGNATURE, INTERACTION_ID }

    public record Fault(String id, String method, String pathPattern, Phase phase, long delayMs, Integer status,
                        Forgery forgery, int times, AtomicInteger played) {
        boolean matches(String method, String path, Phase phase) {
            return this.phase == phase && this.method.equalsIgnoreCase(method) && Pattern.matches(pathPattern, path);
        }
    }

    private final List<Fault> faults = new ArrayList<>();

    public synchronized Fault add(String method, String pathPattern, Phase phase, long delayMs, Integer status,
                                  Forgery forgery, int times) {
        Pattern.compile(pathPattern); // a bad pattern is refused here, not at the next call
        if (forgery != null && phase != Phase.AFTER) {
            throw new IllegalArgumentException("Only an AFTER fault forges an answer");
        }
        Fault fault = new Fault(UUID.randomUUID().toString(), method, pathPattern, phase, delayMs, status, forgery, times,
                new AtomicInteger());
        faults.add(fault);
        return fault;
    }

    /** The fault to play on this call now, counted as played; null when none. */
    public synchronized Fault take(String method, String path, Phase phase) {
        for (Fault fault : faults) {
            if (fault.played().get() < fault.times() && fault.matches(method, path, phase)) {
                fault.played().incrementAndGet();
                return fault;
            }
        }
        return null;
    }

    public synchronized List<Fault> all() {
        return List.copyOf(faults);
    }

    public synchronized void clear() {
        faults.clear();
    }
}
