package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;

/**
 * {@code collection:transactions:available}: a collection stored new or changed transactions of one
 * account or credit card account. Read them from the change feed
 * ({@code GET /v1/transactions/changes?since=<since>}) or the resource's transactions.
 *
 * @param resourceType ACCOUNT or CREDIT_CARD_ACCOUNT
 * @param created      transactions seen for the first time
 * @param updated      known transactions whose content changed (a scheduled one posted, say)
 * @param since        the change-feed cursor before these changes
 * @param cursor       the change-feed cursor after them
 */
public record CollectionTransactionsAvailable(String consentId, String transmitter, String resourceId,
                                              String resourceType, int created, int updated, String since,
                                              String cursor, Instant collectedAt) implements EventData {
}
