package br.com.ponte.sandbox.authorization;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived, single-use values by key, in memory: pushed requests and authorisation codes. They
 * live for seconds, so a restart losing them costs a user one more attempt, nothing more.
 */
final class Expiring<T> {

    private record Entry<T>(T value, Instant expiresAt) {
    }

    private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();
    private final Duration lifetime;

    Expiring(Duration lifetime) {
        this.lifetime = lifetime;
    }

    Duration lifetime() {
        return lifetime;
    }

    void put(String key, T value) {
        Instant now = Instant.now();
        entries.values().removeIf(entry -> entry.expiresAt().isBefore(now));
        entries.put(key, new Entry<>(value, now.plus(lifetime)));
    }

    /** The value, if it is there and has not expired; it stays there. */
    Optional<T> peek(String key) {
        return Optional.ofNullable(key == null ? null : entries.get(key))
                .filter(entry -> entry.expiresAt().isAfter(Instant.now()))
                .map(Entry::value);
    }

    /** The value, if it is there and has not expired; removed, so it serves once. */
    Optional<T> take(String key) {
        return Optional.ofNullable(key == null ? null : entries.remove(key))
                .filter(entry -> entry.expiresAt().isAfter(Instant.now()))
                .map(Entry::value);
    }
}
