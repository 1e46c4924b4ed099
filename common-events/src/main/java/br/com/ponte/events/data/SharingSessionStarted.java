package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;
import java.util.List;

/**
 * {@code sharing:session:started}: a partner started a consent-management session; the user can be
 * sent to its URL until {@code expiresAt}.
 *
 * @param requestedGroups the Open Finance permission groups asked for (e.g. {@code ACCOUNTS_BALANCES})
 * @param mandatoryGroups those the user cannot remove
 * @param durationMonths  how long each consent is asked for, 1 to 12; null for an indefinite consent
 * @param institutions    the authorisation servers offered to the user; null when every one that serves the groups
 */
public record SharingSessionStarted(String sessionId, String purpose, List<String> requestedGroups,
                                    List<String> mandatoryGroups, Integer durationMonths, List<String> institutions,
                                    Instant expiresAt) implements EventData {
}
