package br.com.ponte.collection.bank;

import br.com.ponte.collection.config.CollectionConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps every bank within a small concurrency and rate: at most {@code bank-concurrency} calls at
 * once and {@code bank-calls-per-second} per second to one bank, over every consent and every caller
 * (scheduled collections and live reads) of this instance. Waiting is non-blocking, and a call
 * resumes on the Vert.x context it came from.
 */
@ApplicationScoped
public class BankThrottle {

    private final Vertx vertx;
    private final int concurrency;
    private final long spacingNanos;
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    public BankThrottle(Vertx vertx, CollectionConfig config) {
        this.vertx = vertx;
        this.concurrency = Math.max(1, config.bankConcurrency());
        this.spacingNanos = 1_000_000_000L / Math.max(1, config.bankCallsPerSecond());
    }

    /** Runs {@code call} when the bank has room for it. */
    public <T> Uni<T> call(String transmitter, Supplier<Uni<T>> call) {
        Gate gate = gates.computeIfAbsent(transmitter, t -> new Gate());
        return gate.enter().chain(call::get).eventually(gate::leave);
    }

    private final class Gate {
        private int inUse;
        private long nextSlot = System.nanoTime();
        private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

        Uni<Void> enter() {
            return Uni.createFrom().<Void>emitter(emitter -> {
                Context context = io.vertx.core.Vertx.currentContext();
                Runnable admit = () -> {
                    long delayNanos = slot();
                    Runnable go = () -> emitter.complete(null);
                    long delayMs = delayNanos / 1_000_000;
                    if (delayMs <= 0) {
                        run(context, go);
                    } else {
                        vertx.getDelegate().setTimer(delayMs, id -> run(context, go));
                    }
                };
                boolean now;
                synchronized (this) {
                    now = inUse < concurrency;
                    if (now) {
                        inUse++;
                    } else {
                        waiting.add(admit);
                    }
                }
                if (now) {
                    admit.run();
                }
            });
        }

        void leave() {
            Runnable next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    inUse--;
                }
            }
            if (next != null) {
                next.run();
            }
        }

        private synchronized long slot() {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + spacingNanos;
            return slot - now;
        }

        private void run(Context context, Runnable go) {
            if (context != null) {
                context.runOnContext(v -> go.run());
            } else {
                go.run();
            }
        }
    }
}
