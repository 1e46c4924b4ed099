package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

/**
 * {@code sharing:revoked}: a data-sharing consent ended before or at its term.
 *
 * @param revokedBy USER, TRANSMITTER or EXPIRY
 */
public record SharingRevoked(String sessionId, String consentId, String transmitter, String revokedBy,
                             String reason) implements EventData {
}
