package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

/**
 * {@code sharing:consent:rejected}: the consent was never authorised: the user refused it, or the
 * institution did.
 *
 * @param rejectedBy USER, ASPSP or TPP (consents API v3)
 * @param reasonCode consents API v3 reason, e.g. {@code CUSTOMER_MANUALLY_REJECTED}
 */
public record SharingConsentRejected(String sessionId, String consentId, String transmitter,
                                     String transmitterConsentId, String rejectedBy, String reasonCode,
                                     String reasonDetail) implements EventData {
}
