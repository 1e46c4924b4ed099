package br.com.ponte.collection.domain;

import java.util.Map;
import java.util.Set;

/**
 * A shared resource's status at the institution (resources API v3 {@code EnumResourceStatus}), as
 * consent-service reports it. Only an AVAILABLE resource is collected.
 */
public enum ResourceStatus {
    AVAILABLE,
    UNAVAILABLE,
    TEMPORARILY_UNAVAILABLE,
    PENDING_AUTHORISATION;

    private static final Map<ResourceStatus, Set<ResourceStatus>> NEXT = Map.of(
            PENDING_AUTHORISATION, Set.of(AVAILABLE, UNAVAILABLE),
            AVAILABLE, Set.of(UNAVAILABLE, TEMPORARILY_UNAVAILABLE, PENDING_AUTHORISATION),
            TEMPORARILY_UNAVAILABLE, Set.of(AVAILABLE, UNAVAILABLE),
            UNAVAILABLE, Set.of(AVAILABLE));

    public boolean canBecome(ResourceStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean collected() {
        return this == AVAILABLE;
    }

    /** The wire value, or null for one this service does not know. */
    public static ResourceStatus fromWire(String value) {
        try {
            return value == null ? null : valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
