package br.com.ponte.sandbox.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Rows of one kind keyed by id, in memory. Every change is reported to the {@link SandboxStore},
 * which writes the state out when it persists. Single operations are atomic, so a single-use row
 * can be {@link #take taken} by exactly one caller.
 */
public final class Table<T> {

    private final ConcurrentMap<String, T> rows;
    private final Runnable changed;

    Table(Map<String, T> initial, Runnable changed) {
        this.rows = new ConcurrentHashMap<>(initial);
        this.changed = changed;
    }

    public Optional<T> find(String id) {
        return Optional.ofNullable(rows.get(id));
    }

    public void put(String id, T row) {
        rows.put(id, row);
        changed.run();
    }

    /** Replaces the row with what {@code change} makes of it; empty when there is no such row. */
    public Optional<T> update(String id, UnaryOperator<T> change) {
        T updated = rows.computeIfPresent(id, (key, row) -> change.apply(row));
        if (updated != null) {
            changed.run();
        }
        return Optional.ofNullable(updated);
    }

    /** Removes the row and answers it: the one way to use a single-use row. */
    public Optional<T> take(String id) {
        T removed = rows.remove(id);
        if (removed != null) {
            changed.run();
        }
        return Optional.ofNullable(removed);
    }

    public void removeIf(Predicate<T> condition) {
        if (rows.values().removeIf(condition)) {
            changed.run();
        }
    }

    public List<T> rows(Predicate<T> condition) {
        return rows.values().stream().filter(condition).toList();
    }

    Map<String, T> snapshot() {
        return Map.copyOf(rows);
    }
}
