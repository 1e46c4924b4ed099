package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;
import java.util.List;

/**
 * {@code sharing:resource:multiple-approval}: a resource that needed the approval of more than one
 * person ("múltipla alçada") became available, after {@code sharing:resource:pending}. Sent instead
 * of {@code sharing:resource:shared} for such a resource.
 *
 * @param pendingSince when Ponte first saw it waiting for approvers
 */
public record SharingResourceMultipleApproval(String sessionId, String consentId, String transmitter,
                                              String transmitterConsentId, String resourceId, String resourceType,
                                              List<String> permissions, Instant pendingSince,
                                              Instant expirationDateTime) implements EventData {
}
