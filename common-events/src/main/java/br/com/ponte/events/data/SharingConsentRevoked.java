package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;

/**
 * {@code sharing:consent:revoked}: an authorised sharing ended before its term. The data shared
 * until then stays the partner's to handle under its retention policy; nothing more is shared.
 *
 * @param revokedBy  USER, PARTNER or TRANSMITTER
 * @param channel    where it happened: PONTE (the user's dashboard), TRANSMITTER (the institution's own
 *                   channels) or PARTNER_API
 * @param reasonCode consents API v3 reason, e.g. {@code CUSTOMER_MANUALLY_REVOKED}
 */
public record SharingConsentRevoked(String sessionId, String consentId, String transmitter,
                                    String transmitterConsentId, String revokedBy, String channel,
                                    String reasonCode, String reasonDetail, Instant revokedAt)
        implements EventData {
}
