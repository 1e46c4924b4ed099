package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

/** {@code collection:failed}: collecting a consent's data failed. */
public record CollectionFailed(String collectionId, String consentId, String transmitter, String errorCode,
                               String errorDetail, boolean retryable) implements EventData {
}
