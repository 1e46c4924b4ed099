package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

/**
 * {@code consent:expired}: not approved or rejected within 5 minutes of creation
 * ({@code window = AUTHORISATION}), or not consumed within 60 minutes of authorisation
 * ({@code window = CONSUMPTION}).
 */
public record ConsentExpired(String consentId, String transmitterConsentId, String window,
                             String previousStatus) implements EventData {
}
