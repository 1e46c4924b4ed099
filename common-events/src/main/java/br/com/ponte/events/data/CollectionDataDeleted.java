package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;
import java.util.Map;

/**
 * {@code collection:data:deleted}: the data collected under a sharing consent that ended was
 * deleted, per the partner's retention policy (LGPD), in the same transaction as this event.
 *
 * @param reason        REVOKED or EXPIRED
 * @param deletedCounts rows deleted per kind (ACCOUNT_TRANSACTION, CREDIT_CARD_TRANSACTION, STORED_ANSWER, RESOURCE, TASK)
 */
public record CollectionDataDeleted(String consentId, String transmitter, String reason,
                                    Map<String, Integer> deletedCounts, Instant deletedAt) implements EventData {
}
