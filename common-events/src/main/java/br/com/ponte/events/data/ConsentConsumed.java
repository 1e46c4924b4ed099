package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

/**
 * {@code consent:consumed}: the transmitter consumed the consent because the payment was created
 * (HTTP 201) or refused (HTTP 422).
 */
public record ConsentConsumed(String consentId, String transmitterConsentId, String paymentId,
                              int transmitterHttpStatus, String paymentStatus) implements EventData {
}
