package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

/**
 * {@code sharing:resource:status:changed}: a shared resource's status moved at the institution
 * (AVAILABLE, UNAVAILABLE, TEMPORARILY_UNAVAILABLE, PENDING_AUTHORISATION), other than its first
 * availability (which is {@code sharing:resource:shared} or {@code sharing:resource:multiple-approval}).
 */
public record SharingResourceStatusChanged(String sessionId, String consentId, String transmitter,
                                           String transmitterConsentId, String resourceId, String resourceType,
                                           String previousStatus, String status) implements EventData {
}
