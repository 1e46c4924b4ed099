package br.com.ponte.collection.bank;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * One page a data API answered: the status, the body ({@code data}, {@code links}, {@code meta} or
 * {@code errors}), and the {@code Retry-After} of a 429 when the bank said it (null otherwise).
 */
public record BankPage(int status, JsonNode body, Duration retryAfter) {

    public JsonNode data() {
        return body.path("data");
    }

    /** {@code links.next}, or null on the last page. */
    public String next() {
        JsonNode next = body.path("links").path("next");
        return next.isTextual() && !next.asText().isBlank() ? next.asText() : null;
    }

    public String errorCode() {
        return body.path("errors").path(0).path("code").asText("http_" + status);
    }

    public String errorDetail() {
        return body.path("errors").path(0).path("detail").asText(null);
    }

    /** A follow-up page carrying a pagination-key, which the bank does not count. */
    public static boolean free(String url) {
        return url != null && (url.contains("?pagination-key=") || url.contains("&pagination-key="));
    }
}
