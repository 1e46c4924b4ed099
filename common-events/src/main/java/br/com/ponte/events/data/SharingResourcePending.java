package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;

/**
 * {@code sharing:resource:pending}: a resource of an authorised consent waits for more holders to
 * approve (PENDING_AUTHORISATION); Ponte follows it until it becomes available or
 * {@code approvalDeadline} passes.
 */
public record SharingResourcePending(String sessionId, String consentId, String transmitter,
                                     String transmitterConsentId, String resourceId, String resourceType,
                                     Instant approvalDeadline) implements EventData {
}
