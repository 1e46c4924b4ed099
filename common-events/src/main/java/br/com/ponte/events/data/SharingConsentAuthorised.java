package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;
import java.util.List;

/**
 * {@code sharing:consent:authorised}: the user authorised the sharing at the institution. Each
 * shared resource follows with its own event ({@code sharing:resource:shared}, or
 * {@code sharing:resource:pending} while more approvers must agree).
 *
 * @param expirationDateTime when the sharing ends; null for an indefinite consent
 */
public record SharingConsentAuthorised(String sessionId, String consentId, String transmitter,
                                       String transmitterConsentId, List<String> permissions,
                                       Instant authorisedAt, Instant expirationDateTime) implements EventData {
}
