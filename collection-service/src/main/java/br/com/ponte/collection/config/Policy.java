package br.com.ponte.collection.config;

import br.com.ponte.collection.domain.Operation;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The figures of each operation after configuration: monthly limit (the official table unless
 * overridden), the reserve kept for live reads, the scheduled refresh interval; and the calendar the
 * banks count in.
 */
@ApplicationScoped
public class Policy {

    private final CollectionConfig config;
    private final Map<Operation, Integer> limits;
    private final Map<Operation, Integer> reserves;
    private final Map<Operation, Duration> intervals;

    public Policy(CollectionConfig config) {
        this.config = config;
        this.limits = overrides(config.limits(), Operation::officialLimit, Integer::parseInt, "limits");
        this.reserves = overrides(config.reserves(), Operation::defaultReserve, Integer::parseInt, "reserves");
        this.intervals = overrides(config.refreshIntervals(), op -> op.defaultRefresh().orElse(null), Operation::parseDuration,
                "refresh-intervals");
    }

    private static <T> Map<Operation, T> overrides(Optional<List<String>> entries, Function<Operation, T> defaults,
                                                   Function<String, T> parse, String key) {
        Map<Operation, T> values = new EnumMap<>(Operation.class);
        for (Operation op : Operation.values()) {
            T value = defaults.apply(op);
            if (value != null) {
                values.put(op, value);
            }
        }
        for (String entry : entries.orElse(List.of())) {
            int eq = entry.indexOf('=');
            if (eq < 1) {
                throw new IllegalStateException("ponte.collection." + key + ": expected OPERATION=value, got " + entry);
            }
            values.put(Operation.valueOf(entry.substring(0, eq).trim()), parse.apply(entry.substring(eq + 1).trim()));
        }
        return values;
    }

    public int limit(Operation op) {
        return limits.get(op);
    }

    /** The calls kept for live reads; never more than the limit. */
    public int reserve(Operation op) {
        return Math.min(reserves.get(op), limit(op));
    }

    public Duration interval(Operation op) {
        return intervals.getOrDefault(op, Duration.ofDays(1));
    }

    public ZoneId zone() {
        return config.zone();
    }

    /** The month the banks count {@code at} in, {@code yyyy-MM}. */
    public String month(Instant at) {
        return YearMonth.from(at.atZone(zone())).toString();
    }

    /** When the month of {@code at} ends: the next month's first instant in the banks' calendar. */
    public Instant resetsAt(Instant at) {
        return YearMonth.from(at.atZone(zone())).plusMonths(1).atDay(1).atStartOfDay(zone()).toInstant();
    }

    public LocalDate today(Instant now) {
        return now.atZone(zone()).toLocalDate();
    }

    /** The resource a call is counted for: per resource when the bank counts so, else the whole consent. */
    public String budgetResource(Operation op, String resourceId) {
        return config.budgetPerResource() && op.perResource() && resourceId != null ? resourceId : "";
    }

    /** The remaining at or under which collection:budget:low is told (at least one call). */
    public int lowThreshold(Operation op) {
        return Math.max(1, (int) Math.ceil(limit(op) * config.budgetLowPercent() / 100.0));
    }

    /**
     * When a scheduled refresh runs next: its interval, or later when the calls left this month above
     * the reserve cannot sustain it (spread until the month ends; at the reset when none are left).
     */
    public Instant nextRun(Operation op, Instant now, int remainingAboveReserve) {
        Duration interval = interval(op);
        Instant reset = resetsAt(now);
        if (remainingAboveReserve <= 0) {
            return reset.plusSeconds(60);
        }
        Duration paced = Duration.between(now, reset).dividedBy(remainingAboveReserve);
        Instant next = now.plus(paced.compareTo(interval) > 0 ? paced : interval);
        return next;
    }
}
