package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

/**
 * {@code collection:failed}: one collection operation of a sharing consent failed for good (its
 * retries are spent, or the institution refused it).
 *
 * @param collectionId the run it belonged to; null for a scheduled refresh
 * @param operation    collection-service's name of the operation, e.g. ACCOUNT_BALANCES
 * @param resourceId   the account, card or contract; null for an operation of the whole consent
 * @param errorCode    e.g. TRANSMITTER_UNAVAILABLE, TRANSMITTER_REFUSED, CONSENT_UNUSABLE
 * @param retryable    whether asking again later (a refresh) may succeed
 */
public record CollectionFailed(String collectionId, String consentId, String transmitter, String group,
                               String operation, String resourceId, String errorCode, String errorDetail,
                               boolean retryable, int attempts) implements EventData {
}
