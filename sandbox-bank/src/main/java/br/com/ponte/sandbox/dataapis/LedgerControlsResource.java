package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.books.AccountBook;
import br.com.ponte.sandbox.books.Books;
import br.com.ponte.sandbox.books.Books.Advance;
import br.com.ponte.sandbox.books.CardBook;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.directory.DirectoryError;
import br.com.ponte.sandbox.resource.WireFormat;
import br.com.ponte.sandbox.sharing.Customers;
import br.com.ponte.sandbox.sharing.Customers.Product;
import br.com.ponte.sandbox.sharing.ResourceType;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Development controls (plain HTTP, no authentication: development only) of an account's or a credit
 * card's transactions: make things happen now (transactions appear, some dated back; future postings are
 * posted) instead of waiting for the clock, and read the bank's own view of them, every one in the API's
 * shape, to compare field for field with what a client collected.
 */
@Path("/sandbox/brands/{brand}/accounts/{resourceId}")
@Tag(name = "Development controls")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerControlsResource {

    private static final int MAX = 1000;

    private final Books books;

    public LedgerControlsResource(Books books) {
        this.books = books;
    }

    /** What to make happen: transactions dated now, transactions dated 1 to 5 days back, the future postings posted. */
    public record AdvanceRequest(Integer newTransactions, Integer backdatedTransactions, Boolean postScheduled) {
    }

    /** What happened, by transaction id. */
    public record Advanced(String resourceId, List<String> appeared, List<String> backdated, List<String> posted) {
    }

    @POST
    @Path("/advance")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make transactions appear now on an account or card, and post its future postings",
            description = "Body {\"newTransactions\": n, \"backdatedTransactions\": m, \"postScheduled\": true}: n transactions "
                    + "dated now, m (accounts only) dated 1 to 5 days back, and every future posting the account shows "
                    + "posted now (dated now, same id). Answers their ids.")
    public Advanced advance(@PathParam("brand") String brandKey, @PathParam("resourceId") String resourceId,
                            AdvanceRequest request) {
        Brand brand = brand(brandKey);
        Product product = product(brand, resourceId);
        int appear = count(request == null ? null : request.newTransactions(), "newTransactions");
        int backdated = count(request == null ? null : request.backdatedTransactions(), "backdatedTransactions");
        if (backdated > 0 && product.type() != ResourceType.ACCOUNT) {
            throw DirectoryError.invalid("backdatedTransactions is for accounts only");
        }
        boolean post = request != null && Boolean.TRUE.equals(request.postScheduled());
        Advance advance = books.advance(brand, product, appear, backdated, post, Instant.now());
        return new Advanced(resourceId, advance.appeared(), advance.backdated(), advance.posted());
    }

    @GET
    @Path("/transactions")
    @Operation(summary = "The bank's own view of an account's or card's transactions, as the API shows them, unpaged",
            description = "Query fromBookingDate and toBookingDate (AAAA-MM-DD; default 12 months back to 12 ahead, cards to "
                    + "today). No limits, no pages: every transaction shown now, oldest first, with the balance of an account.")
    public ObjectNode transactions(@PathParam("brand") String brandKey, @PathParam("resourceId") String resourceId,
                                   @QueryParam("fromBookingDate") String from, @QueryParam("toBookingDate") String to) {
        Brand brand = brand(brandKey);
        Product product = product(brand, resourceId);
        Instant now = Instant.now();
        LocalDate today = Filters.today(now);
        LocalDate first = from == null ? today.minusMonths(12) : date(from);
        LocalDate last = to == null ? (product.type() == ResourceType.ACCOUNT ? today.plusMonths(12) : today) : date(to);
        ObjectNode view = JsonNodeFactory.instance.objectNode().put("resourceId", resourceId)
                .put("asOf", WireFormat.dateTimeMillis(now)).put("fromBookingDate", first.toString())
                .put("toBookingDate", last.toString());
        ArrayNode data = JsonNodeFactory.instance.arrayNode();
        if (product.type() == ResourceType.ACCOUNT) {
            AccountBook account = books.account(brand, product);
            account.transactions(first, last, now).forEach(entry -> data.add(AccountViews.transaction(entry, now)));
            view.set("balances", AccountViews.balances(account.balances(now), now));
        } else {
            CardBook card = books.card(brand, product);
            card.transactions(first, last, now).forEach(entry -> data.add(CardViews.transaction(card, entry)));
        }
        view.put("totalRecords", data.size());
        view.set("data", data);
        return view;
    }

    static Brand brand(String key) {
        return Brand.ofKey(key).orElseThrow(() -> DirectoryError.notFound("No brand " + key + ": sandbox or horizonte"));
    }

    private static Product product(Brand brand, String resourceId) {
        return Customers.product(brand, resourceId)
                .filter(product -> product.type() == ResourceType.ACCOUNT || product.type() == ResourceType.CREDIT_CARD_ACCOUNT)
                .orElseThrow(() -> DirectoryError.notFound("No account or credit card " + resourceId + " at "
                        + brand.displayName()));
    }

    private static int count(Integer value, String name) {
        if (value == null) {
            return 0;
        }
        if (value < 0 || value > MAX) {
            throw DirectoryError.invalid(name + " must be from 0 to " + MAX);
        }
        return value;
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw DirectoryError.invalid("Dates are AAAA-MM-DD: " + value);
        }
    }
}
