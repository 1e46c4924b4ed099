package br.com.ponte.collection.api;

import br.com.ponte.collection.domain.Collection;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record CollectionResponse(
        String id,
        String consentId,
        String transmitter,
        String status,
        Instant startedAt,
        Instant finishedAt) {

    static CollectionResponse of(Collection c) {
        return new CollectionResponse(c.id.toString(), c.consentId.toString(), c.transmitter, c.status.wireValue(),
                c.startedAt, c.finishedAt);
    }
}
