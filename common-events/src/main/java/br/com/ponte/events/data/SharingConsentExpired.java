package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;

/**
 * {@code sharing:consent:expired}: a consent ran out of time: not authorised within the
 * institution's window ({@code CONSENT_EXPIRED}), or its term was reached
 * ({@code CONSENT_MAX_DATE_REACHED}).
 *
 * @param previousStatus AWAITING_AUTHORISATION or AUTHORISED
 */
public record SharingConsentExpired(String sessionId, String consentId, String transmitter,
                                    String transmitterConsentId, String previousStatus, String reasonCode,
                                    Instant expirationDateTime) implements EventData {
}
