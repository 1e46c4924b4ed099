package br.com.ponte.collection.api;

import br.com.ponte.collection.config.CollectionConfig;
import br.com.ponte.collection.domain.Json;
import br.com.ponte.collection.persistence.TransactionReads;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.security.CurrentPartner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The partner's change feed of transactions, over every consent: each transaction that is new or
 * changed after {@code since} once, at its latest position, in position order, with {@code change}
 * CREATED (new after {@code since}) or UPDATED (it existed at {@code since}: the reader saw it).
 */
@Path("/v1/transactions/changes")
@Tag(name = "Change feed")
@SecurityRequirement(name = "partnerToken")
@RolesAllowed(CurrentPartner.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class ChangesResource {

    static final int DEFAULT_LIMIT = 100;

    private final CurrentPartner partner;
    private final TransactionReads reads;
    private final CollectionConfig config;

    public ChangesResource(CurrentPartner partner, TransactionReads reads, CollectionConfig config) {
        this.partner = partner;
        this.reads = reads;
        this.config = config;
    }

    @GET
    @Operation(summary = "Transactions new or changed since a cursor",
            description = "since: a cursor this feed gave (meta.cursor, or collection:transactions:available's cursor); 0 or "
                    + "absent from the start. limit: 1 to ponte.collection.change-feed-max-limit (1000), default 100. Each item: "
                    + "consentId, resourceId, change (CREATED or UPDATED), position, transaction (as the bank answered it). "
                    + "meta.cursor is the next since; meta.hasMore tells whether to read again at once. 400 PARAMETRO_INVALIDO "
                    + "for a since or limit that is not a number in range, 422 CURSOR_INVALIDO for a cursor this feed never gave.")
    public Uni<JsonNode> changes(@QueryParam("since") String since, @QueryParam("limit") String limit) {
        long from = since(since);
        int max = limit(limit);
        String partnerId = partner.id();
        return reads.lastPosition(partnerId).chain(last -> {
            if (from > last) {
                throw ApiException.unprocessable("CURSOR_INVALIDO", "since " + from + " is beyond this feed's last cursor " + last);
            }
            return reads.changes(partnerId, from, max + 1).map(rows -> {
                boolean more = rows.size() > max;
                var page = more ? rows.subList(0, max) : rows;
                ObjectNode body = Json.MAPPER.createObjectNode();
                ArrayNode data = body.putArray("data");
                long cursor = from;
                for (TransactionReads.Row row : page) {
                    data.addObject().put("consentId", row.consentId().toString()).put("resourceId", row.resourceId())
                            .put("change", row.createdPosition() > from ? "CREATED" : "UPDATED")
                            .put("position", Long.toString(row.position()))
                            .set("transaction", row.body());
                    cursor = row.position();
                }
                body.putObject("links").put("self", "/v1/transactions/changes?since=" + from + "&limit=" + max)
                        .put("next", "/v1/transactions/changes?since=" + cursor + "&limit=" + max);
                body.putObject("meta").put("cursor", Long.toString(cursor)).put("hasMore", more)
                        .put("totalRecords", page.size()).put("requestDateTime", DataResponse.now().toString());
                return body;
            });
        });
    }

    private static long since(String since) {
        if (since == null || since.isBlank()) {
            return 0;
        }
        if (!since.matches("\\d{1,18}")) {
            throw Problems.invalid("since", "'" + since + "' is not a cursor of this feed (a number it gave)");
        }
        return Long.parseLong(since);
    }

    private int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return Math.min(DEFAULT_LIMIT, config.changeFeedMaxLimit());
        }
        if (!limit.matches("\\d{1,9}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > config.changeFeedMaxLimit()) {
            throw Problems.invalid("limit", "must be between 1 and " + config.changeFeedMaxLimit());
        }
        return Integer.parseInt(limit);
    }
}
