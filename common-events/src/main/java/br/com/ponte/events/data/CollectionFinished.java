package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code collection:finished}: every operation of a collection run (one data group of a sharing
 * consent) ended; the data is readable through the partner API.
 *
 * @param group            REGISTRATION, ACCOUNTS, CREDIT_CARDS or CREDIT_OPERATIONS
 * @param trigger          INITIAL or ON_DEMAND
 * @param counts           items stored per kind (ACCOUNT, ACCOUNT_TRANSACTION, CREDIT_CARD_BILL, ...)
 * @param failedOperations operations that failed for good in this run (each also had its {@code collection:failed})
 */
public record CollectionFinished(String collectionId, String consentId, String transmitter, String group,
                                 String trigger, Map<String, Integer> counts, List<String> failedOperations,
                                 Instant startedAt, Instant finishedAt) implements EventData {
}
