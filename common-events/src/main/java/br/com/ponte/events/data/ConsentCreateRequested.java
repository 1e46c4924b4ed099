package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

/** {@code before:consent:create}: a request to create a payment consent was received. */
public record ConsentCreateRequested(String consentId, String transmitter, PaymentSummary payment,
                                     String redirectUri) implements EventData {
}
