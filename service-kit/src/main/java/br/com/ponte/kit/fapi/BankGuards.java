package br.com.ponte.kit.fapi;

import br.com.ponte.fapi.BankGuard;
import br.com.ponte.fapi.FapiException;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One circuit breaker and one bulkhead per bank (SmallRye Fault Tolerance), shared by every partner's
 * calls to it from this instance. When half of a bank's last calls failed (no answer in time, or a
 * 5xx), the bank is not called for {@code ponte.fapi.guard.delay}: calls fail at once as
 * {@code transmitter_circuit_open}, so a sick bank costs neither waits nor connections, then one call
 * tries it again. At most {@code concurrency} calls to one bank run at once, so a slow bank cannot take
 * every connection and worker a service has; the others queue, and past the queue are refused.
 */
@ApplicationScoped
public class BankGuards implements BankGuard {

    private static final Logger LOG = Logger.getLogger(BankGuards.class);
    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {
    };

    private final FapiConfig.Guard config;
    private final ConcurrentHashMap<String, TypedGuard<Uni<Object>>> guards = new ConcurrentHashMap<>();

    public BankGuards(FapiConfig config) {
        this.config = config.guard();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Uni<T> call(String authorisationServerId, Supplier<Uni<T>> call) {
        TypedGuard<Uni<Object>> guard = guards.computeIfAbsent(authorisationServerId, this::guard);
        Uni<T> guarded = (Uni<T>) guard.get(() -> (Uni<Object>) call.get());
        return guarded.onFailure(e -> e instanceof CircuitBreakerOpenException || e instanceof BulkheadException)
                .transform(e -> new FapiException(503, e instanceof CircuitBreakerOpenException ? "transmitter_circuit_open"
                        : "transmitter_busy", "Not called: " + (e instanceof CircuitBreakerOpenException
                        ? "too many of the bank's last answers failed; it is tried again soon"
                        : "too many calls to this bank are waiting already")));
    }

    private TypedGuard<Uni<Object>> guard(String bank) {
        return TypedGuard.create(UNI)
                .withDescription("bank " + bank)
                .withCircuitBreaker()
                .requestVolumeThreshold(config.requests())
                .failureRatio(config.failureRatio())
                .delay(config.delay().toMillis(), ChronoUnit.MILLIS)
                .when(BankGuards::bankFailed)
                .onStateChange(state -> LOG.warnf("Bank %s: circuit breaker %s", bank, state))
                .done()
                .withBulkhead()
                .limit(config.concurrency())
                .queueSize(config.queue())
                .done()
                .build();
    }

    /** The bank's own failures: no answer (connection, TLS, timeout) or a 5xx; not a 4xx, not the vault's. */
    static boolean bankFailed(Throwable e) {
        return e instanceof BankGuard.ServerError || e instanceof FapiException f && (f.status() == 0 || f.status() >= 500);
    }
}
