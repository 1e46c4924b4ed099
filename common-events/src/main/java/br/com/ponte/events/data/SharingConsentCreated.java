package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;
import java.util.List;

/**
 * {@code sharing:consent:created}: the institution created the sharing consent and the user is on
 * the way there to authorise it.
 *
 * @param permissions        the permissions the institution kept (it drops those it does not support)
 * @param expirationDateTime when the sharing would end; null for an indefinite consent
 */
public record SharingConsentCreated(String sessionId, String consentId, String transmitter,
                                    String transmitterConsentId, String status, List<String> permissions,
                                    Instant expirationDateTime) implements EventData {
}
