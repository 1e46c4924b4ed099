package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.brand.BrandTables;
import br.com.ponte.sandbox.config.SandboxConfig;
import br.com.ponte.sandbox.resource.ApiError;
import br.com.ponte.sandbox.resource.WireFormat;
import br.com.ponte.sandbox.store.SandboxStore;
import br.com.ponte.sandbox.store.Table;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The data APIs' operational limits: calls a calendar month (in Brasília) per consent, per operation and per
 * resource (an account, a card, a contract; none for lists and registration data), as the public table
 * counts them. A call with a valid {@code pagination-key} (a list's next pages) is not counted. Beyond the
 * limit the answer is 429, with {@code Retry-After} until the next month starts. The counts are kept in the
 * sandbox's state (per brand, per consent), so that a restart does not reset them; a development control
 * reads and resets them.
 *
 * <p>Each limit is {@code sandbox.limits.<operation key>} (env {@code SANDBOX_LIMITS_<KEY>}, e.g.
 * {@code SANDBOX_LIMITS_ACCOUNTS_BALANCES}), the table's figure by default ({@link DataOperation#defaultLimit()}).
 * ({@link SandboxConfig#limits()}). They are looked up by name, one by one, which is what lets the
 * environment override each of them without the key written anywhere else; a {@code sandbox.limits.*} key
 * that names no operation stops the sandbox at start.
 */
@ApplicationScoped
@Startup
public class OperationalLimits {

    static final String PREFIX = "sandbox.limits.";

    /** A consent's calls this month: by {@code operation} or {@code operation|resourceId}. */
    public record Usage(String consentId, String month, Map<String, Integer> calls) {

        public Usage {
            calls = Map.copyOf(calls);
        }

        int used(DataOperation operation, String resourceId) {
            return calls.getOrDefault(key(operation, resourceId), 0);
        }
    }

    private final Map<DataOperation, Integer> limits = new EnumMap<>(DataOperation.class);
    private final BrandTables<Usage> usage;
    /** Calls of a consent to answer 429 before anything else, as a bank under load would (a development control). */
    private final Map<String, Throttle> throttles = new java.util.concurrent.ConcurrentHashMap<>();

    /** The next {@code calls} calls of a consent answer 429 with {@code Retry-After: retryAfterSeconds}. */
    record Throttle(int calls, long retryAfterSeconds) {
    }

    @Inject
    public OperationalLimits(SandboxConfig sandbox, Config config, SandboxStore store, BrandContext bank) {
        this(key -> config.getOptionalValue(key, Integer.class), new BrandTables<>(store, bank, "dataUsage", Usage.class));
        checkKeys(sandbox.limits().keySet());
    }

    /**
     * Stops the sandbox on a {@code sandbox.limits.*} key that names no operation. A key set by an environment
     * variable arrives with dots where the operation key has dashes ({@code SANDBOX_LIMITS_ACCOUNTS_BALANCES}
     * is {@code accounts.balances}), and the lookup by name finds it all the same.
     */
    static void checkKeys(java.util.Collection<String> keys) {
        keys.stream().filter(key -> DataOperation.ofKey(key.replace('.', '-')).isEmpty()).findFirst().ifPresent(key -> {
            throw new IllegalStateException(PREFIX + key + " names no data API operation; the operations are "
                    + Arrays.stream(DataOperation.values()).map(DataOperation::key).toList());
        });
    }

    OperationalLimits(Function<String, Optional<Integer>> setting, BrandTables<Usage> usage) {
        for (DataOperation operation : DataOperation.values()) {
            limits.put(operation, setting.apply(PREFIX + operation.key()).orElse(operation.defaultLimit()));
        }
        this.usage = usage;
    }

    /** Calls a month the operation allows a consent, on each resource. */
    public int limit(DataOperation operation) {
        return limits.get(operation);
    }

    /**
     * Counts the call; 429 when the consent has made the operation's limit of them on the resource this
     * month. A consent throttled by {@link #throttle} gets its 429 first, and that call is not counted
     * (as a bank's momentary refusal is not).
     */
    synchronized void count(Brand brand, String consentId, DataOperation operation, String resourceId, Instant now) {
        Throttle throttle = throttles.get(brand.key() + " " + consentId);
        if (throttle != null) {
            throttles.compute(brand.key() + " " + consentId,
                    (key, t) -> t == null || t.calls() <= 1 ? null : new Throttle(t.calls() - 1, t.retryAfterSeconds()));
            throw ApiError.tooManyRequests("A instituição está sobrecarregada; tente de novo em "
                    + throttle.retryAfterSeconds() + " s.", throttle.retryAfterSeconds());
        }
        Table<Usage> table = usage.of(brand);
        Usage current = current(table, consentId, now);
        int used = current.used(operation, resourceId);
        if (used >= limit(operation)) {
            throw ApiError.tooManyRequests("Limite operacional atingido: " + limit(operation) + " chamadas por mês a "
                    + operation.key() + (resourceId == null ? "" : " do recurso " + resourceId)
                    + " neste consentimento; renova-se no dia 1º.", secondsToNextMonth(now));
        }
        Map<String, Integer> calls = new HashMap<>(current.calls());
        calls.put(key(operation, resourceId), used + 1);
        table.put(consentId, new Usage(consentId, current.month(), calls));
    }

    /** The consent's calls this month. */
    public synchronized Usage usage(Brand brand, String consentId, Instant now) {
        return current(usage.of(brand), consentId, now);
    }

    /** The consent's next {@code calls} data-API calls answer 429 with {@code Retry-After} (a development control). */
    public void throttle(Brand brand, String consentId, int calls, long retryAfterSeconds) {
        throttles.put(brand.key() + " " + consentId, new Throttle(calls, retryAfterSeconds));
    }

    /** Forgets the consent's calls this month (a development control). */
    public synchronized void reset(Brand brand, String consentId) {
        usage.of(brand).take(consentId);
    }

    /** When the counts start over: the next month's first day, 00:00 in Brasília. */
    public static Instant nextMonth(Instant now) {
        return month(now).plusMonths(1).atDay(1).atStartOfDay(WireFormat.BRASILIA).toInstant();
    }

    static long secondsToNextMonth(Instant now) {
        return Math.max(1, Duration.between(now, nextMonth(now)).toSeconds());
    }

    private static Usage current(Table<Usage> table, String consentId, Instant now) {
        String month = month(now).toString();
        return table.find(consentId).filter(usage -> usage.month().equals(month))
                .orElse(new Usage(consentId, month, Map.of()));
    }

    private static YearMonth month(Instant now) {
        return YearMonth.from(now.atZone(WireFormat.BRASILIA));
    }

    private static String key(DataOperation operation, String resourceId) {
        return resourceId == null ? operation.key() : operation.key() + "|" + resourceId;
    }
}
