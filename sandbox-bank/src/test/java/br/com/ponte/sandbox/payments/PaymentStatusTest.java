package br.com.ponte.sandbox.payments;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every move between two Pix payment statuses, allowed or not. */
class PaymentStatusTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "RCVD, RCVD, false",
            "RCVD, PDNG, true",
            "RCVD, SCHD, true",
            "RCVD, ACCP, true",
            "RCVD, ACPD, false",
            "RCVD, ACSC, false",
            "RCVD, RJCT, true",
            "RCVD, CANC, false",
            "PDNG, RCVD, false",
            "PDNG, PDNG, false",
            "PDNG, SCHD, false",
            "PDNG, ACCP, true",
            "PDNG, ACPD, false",
            "PDNG, ACSC, false",
            "PDNG, RJCT, true",
            "PDNG, CANC, true",
            "SCHD, RCVD, false",
            "SCHD, PDNG, false",
            "SCHD, SCHD, false",
            "SCHD, ACCP, true",
            "SCHD, ACPD, false",
            "SCHD, ACSC, false",
            "SCHD, RJCT, true",
            "SCHD, CANC, true",
            "ACCP, RCVD, false",
            "ACCP, PDNG, false",
            "ACCP, SCHD, false",
            "ACCP, ACCP, false",
            "ACCP, ACPD, true",
            "ACCP, ACSC, false",
            "ACCP, RJCT, true",
            "ACCP, CANC, false",
            "ACPD, RCVD, false",
            "ACPD, PDNG, false",
            "ACPD, SCHD, false",
            "ACPD, ACCP, false",
            "ACPD, ACPD, false",
            "ACPD, ACSC, true",
            "ACPD, RJCT, true",
            "ACPD, CANC, false",
            "ACSC, RCVD, false",
            "ACSC, PDNG, false",
            "ACSC, SCHD, false",
            "ACSC, ACCP, false",
            "ACSC, ACPD, false",
            "ACSC, ACSC, false",
            "ACSC, RJCT, false",
            "ACSC, CANC, false",
            "RJCT, RCVD, false",
            "RJCT, PDNG, false",
            "RJCT, SCHD, false",
            "RJCT, ACCP, false",
            "RJCT, ACPD, false",
            "RJCT, ACSC, false",
            "RJCT, RJCT, false",
            "RJCT, CANC, false",
            "CANC, RCVD, false",
            "CANC, PDNG, false",
            "CANC, SCHD, false",
            "CANC, ACCP, false",
            "CANC, ACPD, false",
            "CANC, ACSC, false",
            "CANC, RJCT, false",
            "CANC, CANC, false",
    })
    void transitions(PaymentStatus from, PaymentStatus to, boolean allowed) {
        assertThat(from.canBecome(to)).isEqualTo(allowed);
    }
}
