package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

/**
 * {@code payment:polled}: Ponte read the payment's status at the transmitter.
 *
 * @param attempt the number of this poll for the payment, from 1
 */
public record PaymentPolled(String paymentId, String consentId, String status, int attempt) implements EventData {
}
