package br.com.ponte.kit.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Open Finance Brasil's error body: {@code {"errors":[{"code","title","detail"}],"meta":{...}}}.
 */
public record ErrorResponse(List<Error> errors, Meta meta) {

    public record Error(String code, String title, String detail) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Meta(Integer totalRecords, Integer totalPages, String requestDateTime) {
    }

    public static ErrorResponse of(String code, String title, String detail) {
        return of(List.of(new Error(code, title, detail)));
    }

    public static ErrorResponse of(List<Error> errors) {
        // Open Finance writes requestDateTime without fractions: 2021-05-21T08:30:00Z
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return new ErrorResponse(errors, new Meta(errors.size(), 1, now));
    }
}
