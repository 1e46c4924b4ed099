package br.com.ponte.sandbox.payments;

import java.util.Map;
import java.util.Set;

/**
 * A payment consent's status (payments v4 {@code EnumAuthorisationStatusType}) and the moves the
 * consent lifecycle allows: created awaiting authorisation; authorised (or partially, while more
 * approvers of a multi-approver account are awaited) or rejected; consumed by the payment.
 */
public enum ConsentStatus {
    AWAITING_AUTHORISATION,
    PARTIALLY_ACCEPTED,
    AUTHORISED,
    REJECTED,
    CONSUMED;

    private static final Map<ConsentStatus, Set<ConsentStatus>> NEXT = Map.of(
            AWAITING_AUTHORISATION, Set.of(AUTHORISED, PARTIALLY_ACCEPTED, REJECTED),
            PARTIALLY_ACCEPTED, Set.of(AUTHORISED, REJECTED),
            AUTHORISED, Set.of(CONSUMED, REJECTED),
            REJECTED, Set.of(),
            CONSUMED, Set.of());

    public boolean canBecome(ConsentStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** REJECTED and CONSUMED: nothing happens to the consent any more. */
    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
