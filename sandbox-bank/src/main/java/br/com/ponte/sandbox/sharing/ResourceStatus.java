package br.com.ponte.sandbox.sharing;

import java.util.Map;
import java.util.Set;

/**
 * The status of a resource shared by a consent (resources v3 {@code status}) and its moves: a resource
 * needing more approvers starts PENDING_AUTHORISATION and becomes what the bank holds it as when they
 * approve, or UNAVAILABLE when they refuse or their time runs out; an available resource may be
 * blocked (TEMPORARILY_UNAVAILABLE) and unblocked; an UNAVAILABLE one (closed, refused) stays so.
 */
public enum ResourceStatus {
    AVAILABLE,
    UNAVAILABLE,
    TEMPORARILY_UNAVAILABLE,
    PENDING_AUTHORISATION;

    private static final Map<ResourceStatus, Set<ResourceStatus>> NEXT = Map.of(
            PENDING_AUTHORISATION, Set.of(AVAILABLE, TEMPORARILY_UNAVAILABLE, UNAVAILABLE),
            AVAILABLE, Set.of(TEMPORARILY_UNAVAILABLE, UNAVAILABLE),
            TEMPORARILY_UNAVAILABLE, Set.of(AVAILABLE, UNAVAILABLE),
            UNAVAILABLE, Set.of());

    public boolean canBecome(ResourceStatus next) {
        return NEXT.get(this).contains(next);
    }
}
