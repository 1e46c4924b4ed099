package br.com.ponte.sandbox.resource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * A page of a list answer, as the Open Finance pagination standard has it: {@code page} from 1,
 * {@code page-size} 25 by default and at most 1,000, a smaller one counting as 25; {@code links}
 * with {@code first} and {@code prev} when not on the first page, {@code next} and {@code last} when
 * not on the last; {@code meta} with {@code totalRecords} and {@code totalPages}.
 */
public record Page(int number, int size) {

    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 1000;

    /**
     * The page the query asks for: 400 for a value that is not a whole number or a page under 1, and
     * {@code oversizeStatus} (400 or 422, as the endpoint's spec lists) for a page-size over 1,000.
     */
    public static Page of(String page, String pageSize, int oversizeStatus) {
        int number = number(page, 1, "page");
        if (number < 1) {
            throw ApiError.badRequest("PARAMETRO_INVALIDO", "Parâmetro page deve ser 1 ou mais.");
        }
        int size = number(pageSize, DEFAULT_SIZE, "page-size");
        if (size > MAX_SIZE) {
            throw new ApiError(oversizeStatus, "PARAMETRO_INVALIDO", "Parâmetro inválido.",
                    "Parâmetro page-size deve ser no máximo " + MAX_SIZE + ".");
        }
        return new Page(number, Math.max(size, DEFAULT_SIZE));
    }

    /** The rows of this page. */
    public <T> List<T> of(List<T> all) {
        int from = (int) Math.min((long) (number - 1) * size, all.size());
        return all.subList(from, Math.min(from + size, all.size()));
    }

    /** How many pages {@code total} rows make: one at least, empty as it may be. */
    public int totalPages(int total) {
        return Math.max(1, (total + size - 1) / size);
    }

    /** {@code links}, the pages' URLs built on {@code url} (the endpoint's, without query). */
    public ObjectNode links(String url, int total) {
        return links(url, "", "", total, true);
    }

    /**
     * {@code links} whose URLs carry, after {@code page} and {@code page-size}, {@code selfQuery} (what the
     * request had besides them) for {@code self} and {@code pagesQuery} for the other pages (e.g. the filters
     * and a {@code pagination-key}), each starting with {@code &} or empty; {@code last} only {@code withLast}
     * (some specs' transaction links have none).
     */
    public ObjectNode links(String url, String selfQuery, String pagesQuery, int total, boolean withLast) {
        int last = totalPages(total);
        ObjectNode links = JsonNodeFactory.instance.objectNode().put("self", url(url, number) + selfQuery);
        if (number > 1) {
            links.put("first", url(url, 1) + pagesQuery).put("prev", url(url, Math.min(number - 1, last)) + pagesQuery);
        }
        if (number < last) {
            links.put("next", url(url, number + 1) + pagesQuery);
            if (withLast) {
                links.put("last", url(url, last) + pagesQuery);
            }
        }
        return links;
    }

    /** {@code meta} of a list: {@code totalRecords}, {@code totalPages}, {@code requestDateTime}. */
    public ObjectNode meta(int total) {
        return JsonNodeFactory.instance.objectNode().put("totalRecords", total).put("totalPages", totalPages(total))
                .put("requestDateTime", WireFormat.dateTime(Instant.now()));
    }

    private String url(String base, int page) {
        return base + "?page=" + page + "&page-size=" + size;
    }

    private static int number(String value, int absent, String name) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("PARAMETRO_INVALIDO", "Parâmetro " + name + " deve ser um número inteiro.");
        }
    }
}
