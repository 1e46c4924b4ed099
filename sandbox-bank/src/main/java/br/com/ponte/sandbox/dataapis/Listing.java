package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.resource.Page;
import br.com.ponte.sandbox.resource.WireFormat;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * A page of a data API list, as {@link DataAccess#listing} made it: the page, the endpoint's URL, what the
 * links carry besides page and page size (the filters; the request's {@code pagination-key} in {@code self},
 * a new one in the other pages'), and the moment the listing is read as of.
 */
record Listing(Page page, String url, String selfQuery, String pagesQuery, Instant asOf) {

    <T> List<T> of(List<T> all) {
        return page.of(all);
    }

    /** {@code links}: {@code self}, {@code first} and {@code prev} off the first page, {@code next} (and {@code last}) off the last. */
    ObjectNode links(int total, boolean withLast) {
        return page.links(url, selfQuery, pagesQuery, total, withLast);
    }

    /** {@code meta} with the totals. */
    ObjectNode meta(int total) {
        return page.meta(total);
    }

    /** {@code meta} with {@code requestDateTime} only, as some specs' lists have it. */
    static ObjectNode requestDateTime() {
        return JsonNodeFactory.instance.objectNode().put("requestDateTime", WireFormat.dateTime(Instant.now()));
    }
}
