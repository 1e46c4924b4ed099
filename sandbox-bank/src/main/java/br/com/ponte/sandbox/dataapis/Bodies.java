package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.resource.WireFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** The data APIs' answers: {@code data}, {@code links}, {@code meta}. */
final class Bodies {

    private Bodies() {
    }

    static ObjectNode of(JsonNode data, ObjectNode links, ObjectNode meta) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("data", data);
        body.set("links", links);
        body.set("meta", meta);
        return body;
    }

    /** One object's answer, whose {@code meta} has the totals (1 and 1), as accounts' and cards' specs want. */
    static ObjectNode single(JsonNode data, String self) {
        return of(data, self(self), JsonNodeFactory.instance.objectNode().put("totalRecords", 1).put("totalPages", 1)
                .put("requestDateTime", WireFormat.dateTime(Instant.now())));
    }

    /** One object's answer, whose {@code meta} has {@code requestDateTime} only (customers, credit operations). */
    static ObjectNode plain(JsonNode data, String self) {
        return of(data, self(self), Listing.requestDateTime());
    }

    private static ObjectNode self(String url) {
        return JsonNodeFactory.instance.objectNode().put("self", url);
    }
}
