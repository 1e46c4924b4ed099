package br.com.ponte.consent.sharing;

import java.util.Map;
import java.util.Set;

/**
 * A sharing consent's status, with the consents API v3's wire values: created awaiting the user;
 * authorised, or rejected; an authorised consent ends REJECTED too (revoked or expired), with the
 * reason saying which. There is no CONSUMED: a sharing lasts until its term or a revocation.
 */
public enum SharingStatus {
    AWAITING_AUTHORISATION, AUTHORISED, REJECTED;

    private static final Map<SharingStatus, Set<SharingStatus>> NEXT = Map.of(
            AWAITING_AUTHORISATION, Set.of(AUTHORISED, REJECTED),
            AUTHORISED, Set.of(REJECTED),
            REJECTED, Set.of());

    public boolean canBecome(SharingStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
