package br.com.ponte.consent.sharing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A shared resource's status (resources API v3), as the bank reports it: waiting for more holders
 * to approve, available, temporarily or for good unavailable. A resource never goes back to
 * waiting for approval; every other move is the bank's to make, and Ponte mirrors it.
 */
public enum ResourceStatus {
    PENDING_AUTHORISATION, AVAILABLE, TEMPORARILY_UNAVAILABLE, UNAVAILABLE;

    private static final Map<ResourceStatus, Set<ResourceStatus>> NEXT = Map.of(
            PENDING_AUTHORISATION, Set.of(AVAILABLE, TEMPORARILY_UNAVAILABLE, UNAVAILABLE),
            AVAILABLE, Set.of(TEMPORARILY_UNAVAILABLE, UNAVAILABLE),
            TEMPORARILY_UNAVAILABLE, Set.of(AVAILABLE, UNAVAILABLE),
            UNAVAILABLE, Set.of(AVAILABLE, TEMPORARILY_UNAVAILABLE));

    public boolean canBecome(ResourceStatus next) {
        return NEXT.get(this).contains(next);
    }

    public static Optional<ResourceStatus> of(String wireValue) {
        try {
            return Optional.of(valueOf(wireValue));
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return Optional.empty();
        }
    }
}
