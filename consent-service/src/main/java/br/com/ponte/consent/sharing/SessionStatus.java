package br.com.ponte.consent.sharing;

import java.util.Map;
import java.util.Set;

/** A consent-management session: the user goes from institution to institution until they finish or time runs out. */
public enum SessionStatus {
    ACTIVE, FINISHED, EXPIRED;

    private static final Map<SessionStatus, Set<SessionStatus>> NEXT = Map.of(
            ACTIVE, Set.of(FINISHED, EXPIRED),
            FINISHED, Set.of(),
            EXPIRED, Set.of());

    public boolean canBecome(SessionStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
