package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

/**
 * {@code consent:revoke}: the consent was revoked, usually by the user after approval.
 *
 * @param revokedBy USER, ASPSP or TPP
 */
public record ConsentRevoked(String consentId, String transmitterConsentId, String revokedBy, String reasonCode,
                             String reasonDetail) implements EventData {
}
