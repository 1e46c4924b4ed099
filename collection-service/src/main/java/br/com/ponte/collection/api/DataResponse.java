package br.com.ponte.collection.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An answer of the partner API's data reads, shaped like Open Finance's ({@code data}, {@code links},
 * {@code meta}) with what Ponte adds in {@code meta}: when the data was collected ({@code collectedAt})
 * and whether it came from the store ({@code CACHE}) or from the bank just now ({@code LIVE}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataResponse(JsonNode data, Links links, Meta meta) {

    public enum Source { CACHE, LIVE }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Links(String self, String next) {
    }

    /**
     * @param cursor the next page's cursor (transactions), absent on the last page
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Meta(Long totalRecords, Integer totalPages, Instant requestDateTime, Instant collectedAt, Source source,
                       String cursor) {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    static DataResponse of(JsonNode data, String self, Instant collectedAt, Source source) {
        long records = data.isArray() ? data.size() : 1;
        return new DataResponse(data, new Links(self, null), new Meta(records, 1, now(), collectedAt, source, null));
    }
}
