package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

/** {@code consent:polling}: Ponte asked the transmitter for the payment's status. */
public record ConsentPolled(String consentId, String paymentId, String paymentStatus, int attempt)
        implements EventData {
}
