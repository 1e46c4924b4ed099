package br.com.ponte.collection.domain;

import java.util.Map;
import java.util.Set;

/**
 * A sharing consent as collection-service knows it, from {@code sharing.events}: authorised (its
 * resources are collected), then revoked or expired, after which nothing is collected again.
 */
public enum ConsentStatus {
    AUTHORISED,
    REVOKED,
    EXPIRED;

    private static final Map<ConsentStatus, Set<ConsentStatus>> NEXT = Map.of(
            AUTHORISED, Set.of(REVOKED, EXPIRED),
            REVOKED, Set.of(),
            EXPIRED, Set.of());

    public boolean canBecome(ConsentStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
