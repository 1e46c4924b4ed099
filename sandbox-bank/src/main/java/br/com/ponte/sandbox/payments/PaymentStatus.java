package br.com.ponte.sandbox.payments;

import java.util.Map;
import java.util.Set;

/**
 * A Pix payment's status (payments v4 {@code EnumPaymentStatusType}) and the moves the Pix state
 * machine allows: received, held for analysis (PDNG) or scheduled (SCHD), accepted (ACCP), sent for
 * settlement (ACPD), settled (ACSC); rejected (RJCT) on the way, or cancelled (CANC) while held or
 * scheduled.
 */
public enum PaymentStatus {
    RCVD,
    PDNG,
    SCHD,
    ACCP,
    ACPD,
    ACSC,
    RJCT,
    CANC;

    private static final Map<PaymentStatus, Set<PaymentStatus>> NEXT = Map.of(
            RCVD, Set.of(PDNG, SCHD, ACCP, RJCT),
            PDNG, Set.of(ACCP, RJCT, CANC),
            SCHD, Set.of(ACCP, RJCT, CANC),
            ACCP, Set.of(ACPD, RJCT),
            ACPD, Set.of(ACSC, RJCT),
            ACSC, Set.of(),
            RJCT, Set.of(),
            CANC, Set.of());

    public boolean canBecome(PaymentStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    /** PATCH may cancel a payment held for analysis or scheduled, nothing else. */
    public boolean cancellable() {
        return canBecome(CANC);
    }
}
