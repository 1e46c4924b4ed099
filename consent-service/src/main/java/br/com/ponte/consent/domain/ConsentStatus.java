package br.com.ponte.consent.domain;

import java.util.Map;
import java.util.Set;

/**
 * A payment consent's status, with the payments API's wire values, and the moves its lifecycle
 * allows: created awaiting authorisation; authorised (or partially, while more approvers of a
 * multi-approver account are awaited) or rejected; consumed by the payment.
 */
public enum ConsentStatus {
    AWAITING_AUTHORISATION,
    PARTIALLY_ACCEPTED,
    AUTHORISED,
    REJECTED,
    CONSUMED;

    private static final Map<ConsentStatus, Set<ConsentStatus>> NEXT = Map.of(
            AWAITING_AUTHORISATION, Set.of(PARTIALLY_ACCEPTED, AUTHORISED, REJECTED),
            PARTIALLY_ACCEPTED, Set.of(AUTHORISED, REJECTED),
            AUTHORISED, Set.of(CONSUMED, REJECTED),
            REJECTED, Set.of(),
            CONSUMED, Set.of());

    public String wireValue() {
        return name();
    }

    public boolean canBecome(ConsentStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** REJECTED and CONSUMED: nothing happens to the consent any more. */
    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
