package br.com.ponte.sandbox.store;

import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Lets time act without anybody asking: consents expire, payments move on (and their webhooks go
 * out), pending approvals run out, even when no client polls. Every {@link Sweeper} is ticked; a read
 * applies the clock too, so it is always exact.
 */
@ApplicationScoped
public class SandboxClock {

    private static final Logger LOG = Logger.getLogger(SandboxClock.class);
    static final long TICK_MILLIS = 200;

    private final List<Sweeper> sweepers;
    private ScheduledExecutorService ticker;

    public SandboxClock(@All List<Sweeper> sweepers) {
        this.sweepers = List.copyOf(sweepers);
    }

    void start(@Observes StartupEvent event) {
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sandbox-clock");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
    }

    private void tick() {
        for (Sweeper sweeper : sweepers) {
            try {
                sweeper.sweep();
            } catch (RuntimeException e) {
                LOG.warn("The sandbox clock failed a tick", e);
            }
        }
    }
}
