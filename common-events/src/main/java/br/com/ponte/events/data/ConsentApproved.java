package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;

/**
 * {@code consent:approved}: the user approved the consent at the bank.
 *
 * @param expirationDateTime the end of the window to consume the consent (authorisation + 60 minutes)
 */
public record ConsentApproved(String consentId, String transmitterConsentId, String status,
                              Instant authorisedAt, Instant expirationDateTime) implements EventData {
}
