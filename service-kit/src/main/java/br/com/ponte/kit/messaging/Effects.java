package br.com.ponte.kit.messaging;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How a consumer applies an event's effect: tried again with backoff (0.5 s doubling to 30 s) until
 * it is applied, each attempt on a fresh Vert.x context. A database or service that is down holds
 * the partition until it is back; it never drops the event, and never stops the consumer (a failed
 * message would stop the channel for good).
 */
public final class Effects {

    private static final Logger LOG = Logger.getLogger(Effects.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private Effects() {
    }

    /** Applies {@code effect} (idempotent: it records the event as processed in its own transaction) until it is. */
    public static Uni<Void> untilApplied(Vertx vertx, String what, Supplier<Uni<Void>> effect) {
        return Uni.createFrom().deferred(() -> onNewContext(vertx, effect))
                .onFailure().invoke(e -> LOG.warnf("Applying %s failed, retrying: %s", what, e.getMessage()))
                .onFailure().retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely();
    }

    /**
     * Runs work on a fresh duplicated Vert.x context, as Hibernate Reactive needs: each concurrent task
     * (a retry resumes on a worker thread; a call may come from outside Vert.x) gets its own, so their
     * sessions never mix.
     */
    public static <T> Uni<T> onNewContext(Vertx vertx, Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().emitter(emitter -> context.runOnContext(v -> {
            Uni<T> uni;
            try {
                uni = work.get();
            } catch (RuntimeException e) {
                emitter.fail(e);
                return;
            }
            uni.subscribe().with(emitter::complete, emitter::fail);
        }));
    }
}
