package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;

/**
 * {@code after:consent:create}: every field validated and the consent created.
 *
 * @param transmitterConsentId the consent id at the transmitter ({@code urn:...}); null until the
 *                             consent exists at the bank
 * @param status               the consent status, {@code AWAITING_AUTHORISATION}
 * @param expirationDateTime   when an unauthorised consent expires (5 minutes after creation)
 */
public record ConsentCreated(String consentId, String transmitter, String transmitterConsentId, String status,
                             Instant expirationDateTime, PaymentSummary payment) implements EventData {
}
