package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;

/**
 * {@code sharing:consent:expiring}: an authorised consent reaches its term soon (the lead time is
 * configurable; 7 days by default), time to ask the user to renew it. Sent once per term.
 */
public record SharingConsentExpiring(String sessionId, String consentId, String transmitter,
                                     String transmitterConsentId, Instant expirationDateTime, int daysLeft)
        implements EventData {
}
