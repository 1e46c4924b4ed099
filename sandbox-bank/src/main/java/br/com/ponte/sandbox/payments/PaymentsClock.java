package br.com.ponte.sandbox.payments;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Lets time act without anybody asking: consents expire and payments move on (and their webhooks go
 * out) even when no initiator polls. A read applies the clock too, so it is always exact.
 */
@ApplicationScoped
public class PaymentsClock {

    private static final Logger LOG = Logger.getLogger(PaymentsClock.class);
    static final long TICK_MILLIS = 200;

    private final PaymentConsents consents;
    private final PixPayments payments;
    private ScheduledExecutorService ticker;

    public PaymentsClock(PaymentConsents consents, PixPayments payments) {
        this.consents = consents;
        this.payments = payments;
    }

    void start(@Observes StartupEvent event) {
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "payments-clock");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
    }

    private void tick() {
        try {
            consents.sweep();
            payments.sweep();
        } catch (RuntimeException e) {
            LOG.warn("The payments clock failed a tick", e);
        }
    }
}
