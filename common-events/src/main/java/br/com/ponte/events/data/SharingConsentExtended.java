package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;

/**
 * {@code sharing:consent:extended}: the institution renewed the consent (consents API v3
 * {@code extends}).
 *
 * @param expirationDateTime the new term; null for an indefinite consent
 * @param requestedBy        USER (from the dashboard) or PARTNER
 */
public record SharingConsentExtended(String sessionId, String consentId, String transmitter,
                                     String transmitterConsentId, Instant previousExpirationDateTime,
                                     Instant expirationDateTime, String requestedBy) implements EventData {
}
