package br.com.ponte.payment.domain;

import java.util.Arrays;

/**
 * Status of a Pix payment at the transmitter, with the payments API's wire values. A payment in a
 * final status never changes again: the money moved (ACSC), or it never will (RJCT, CANC).
 */
public enum PixStatus {
    /** Received by the transmitter; validations still pending. */
    RCVD("RCVD", false),
    /** Waiting for more authorisers (payments v3; v4 uses the consent's PARTIALLY_ACCEPTED instead). */
    PATC("PATC", false),
    /** Every check passed; ready to be sent for settlement. */
    ACCP("ACCP", false),
    /** Submitted for settlement, not yet confirmed. */
    ACPD("ACPD", false),
    /** Settled: the money moved. */
    ACSC("ACSC", true),
    /** Rejected by the transmitter or by the SPI. */
    RJCT("RJCT", true),
    /** Held by the transmitter for analysis. */
    PDNG("PDNG", false),
    /** Scheduled at the transmitter. */
    SCHD("SCHD", false),
    /** Cancelled by the user before it was accepted or rejected. */
    CANC("CANC", true);

    private final String wireValue;
    private final boolean finalStatus;

    PixStatus(String wireValue, boolean finalStatus) {
        this.wireValue = wireValue;
        this.finalStatus = finalStatus;
    }

    public String wireValue() {
        return wireValue;
    }

    public boolean isFinal() {
        return finalStatus;
    }

    /** The status a transmitter reported; unknown values are refused rather than guessed. */
    public static PixStatus fromWireValue(String value) {
        return Arrays.stream(values())
                .filter(s -> s.wireValue.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown Pix payment status: " + value));
    }
}
