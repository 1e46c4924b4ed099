package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

/**
 * {@code sharing:account:multiple-approval}: an account that needs approval by more than one
 * person ("múltipla alçada") was shared; {@code status} is PENDING_AUTHORISATION until every
 * approver agreed, then AVAILABLE.
 */
public record SharingMultipleApproval(String sessionId, String consentId, String transmitter, String resourceId,
                                      String resourceType, String status) implements EventData {
}
