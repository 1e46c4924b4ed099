package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;
import java.util.List;

/**
 * {@code collection:started}: Ponte began collecting one data group of a sharing consent at its
 * institution: the initial collection when resources became available, or a refresh the partner
 * asked for. {@code collection:finished} follows with the same {@code collectionId}.
 *
 * @param collectionId the collection run
 * @param group        REGISTRATION, ACCOUNTS, CREDIT_CARDS or CREDIT_OPERATIONS
 * @param trigger      INITIAL or ON_DEMAND
 * @param operations   the operations planned (collection-service's names, e.g. ACCOUNT_TRANSACTIONS)
 */
public record CollectionStarted(String collectionId, String consentId, String transmitter, String group,
                                String trigger, List<String> operations, Instant startedAt) implements EventData {
}
