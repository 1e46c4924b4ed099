package br.com.ponte.sandbox.sharing;

import java.util.Map;
import java.util.Set;

/**
 * A data-sharing consent's status (consents v3 {@code status}) and the moves its lifecycle allows:
 * created awaiting authorisation; authorised or rejected by the user (or rejected by the clock);
 * an authorised consent is revoked or reaches its expiry. There is no CONSUMED: a data consent lives
 * until it expires or is revoked.
 */
public enum SharingConsentStatus {
    AWAITING_AUTHORISATION,
    AUTHORISED,
    REJECTED;

    private static final Map<SharingConsentStatus, Set<SharingConsentStatus>> NEXT = Map.of(
            AWAITING_AUTHORISATION, Set.of(AUTHORISED, REJECTED),
            AUTHORISED, Set.of(REJECTED),
            REJECTED, Set.of());

    public boolean canBecome(SharingConsentStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** REJECTED: nothing happens to the consent any more. */
    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
