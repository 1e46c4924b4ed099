package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

import java.time.Instant;
import java.util.Map;

/** {@code collection:finished}: the shared data of a consent was collected; counts per resource type. */
public record CollectionFinished(String collectionId, String consentId, String transmitter,
                                 Map<String, Integer> resourceCounts, Instant startedAt, Instant finishedAt)
        implements EventData {
}
