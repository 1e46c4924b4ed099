package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.books.Books;
import br.com.ponte.sandbox.books.CardBook;
import br.com.ponte.sandbox.books.CardBook.Bill;
import br.com.ponte.sandbox.books.CardBook.CardEntry;
import br.com.ponte.sandbox.oauth.HttpsOnly;
import br.com.ponte.sandbox.resource.ApiError;
import br.com.ponte.sandbox.resource.OpenFinanceApi;
import br.com.ponte.sandbox.resource.Page;
import br.com.ponte.sandbox.resource.PageTotalsInErrors;
import br.com.ponte.sandbox.sharing.ResourceType;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Credit cards 2.3.1 ({@code ofb/credit-cards_2.3.1.yml}) at each brand that has cards (Banco Horizonte has
 * none: 404): the cards a consent shares, each one's identification, limits, transactions (twelve months
 * back; the last seven days for {@code transactions-current}), closed bills of the last twelve months and
 * each bill's transactions. The user's token, scope {@code credit-cards-accounts}; see {@link DataAccess}.
 */
@Path("/open-banking/credit-cards-accounts/v2/accounts")
@HttpsOnly
@OpenFinanceApi
@PageTotalsInErrors
@Tag(name = "Credit cards v2")
@Produces(MediaType.WILDCARD)
public class CreditCardsResource {

    private static final Pattern BILL_ID = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9-]{0,99}$");
    private static final String[] TRANSACTION_TYPES = {"PAGAMENTO", "TARIFA", "OPERACOES_CREDITO_CONTRATADAS_CARTAO",
            "ESTORNO", "CASHBACK", "OUTROS"};

    private final DataAccess access;
    private final Books books;

    public CreditCardsResource(DataAccess access, Books books) {
        this.access = access;
        this.books = books;
    }

    @GET
    @Operation(summary = "The credit cards the consent shares (CREDIT_CARDS_ACCOUNTS_READ)")
    public Response cards(@QueryParam("page") String page, @QueryParam("page-size") String pageSize,
                          @QueryParam("pagination-key") String paginationKey,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                          @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept, DataOperation.CARDS, null);
        Listing listing = access.listing(call, Page.of(page, pageSize, 422), "", paginationKey);
        List<CardBook> cards = call.shared(ResourceType.CREDIT_CARD_ACCOUNT).stream()
                .map(product -> books.card(call.brand(), product)).toList();
        ArrayNode data = JsonNodeFactory.instance.arrayNode();
        listing.of(cards).forEach(card -> data.add(CardViews.account(call.brand(), card)));
        return access.answer(call, Bodies.of(data, listing.links(cards.size(), true), listing.meta(cards.size())));
    }

    @GET
    @Path("/{creditCardAccountId}")
    @Operation(summary = "A credit card's identification (CREDIT_CARDS_ACCOUNTS_READ)")
    public Response card(@PathParam("creditCardAccountId") String cardId,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                         @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept, DataOperation.CARD, cardId);
        access.count(call);
        return access.answer(call, Bodies.single(CardViews.identification(book(call)), access.url(call)));
    }

    @GET
    @Path("/{creditCardAccountId}/limits")
    @Operation(summary = "A credit card's limits (CREDIT_CARDS_ACCOUNTS_LIMITS_READ)")
    public Response limits(@PathParam("creditCardAccountId") String cardId,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                           @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept, DataOperation.CARD_LIMITS, cardId);
        access.count(call);
        CardBook card = book(call);
        ArrayNode data = CardViews.limits(card, card.limits(call.now()));
        return access.answer(call, Bodies.of(data, JsonNodeFactory.instance.objectNode().put("self", access.url(call)),
                Page.of(null, null, 422).meta(data.size())));
    }

    @GET
    @Path("/{creditCardAccountId}/transactions")
    @Operation(summary = "A credit card's transactions, 12 months back (CREDIT_CARDS_ACCOUNTS_TRANSACTIONS_READ)")
    public Response transactions(@PathParam("creditCardAccountId") String cardId, @QueryParam("page") String page,
                                 @QueryParam("page-size") String pageSize,
                                 @QueryParam("pagination-key") String paginationKey,
                                 @QueryParam("fromTransactionDate") String fromTransactionDate,
                                 @QueryParam("toTransactionDate") String toTransactionDate,
                                 @QueryParam("transactionType") String transactionType,
                                 @QueryParam("payeeMCC") String payeeMcc,
                                 @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                 @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                                 @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept, DataOperation.CARD_TRANSACTIONS,
                cardId);
        return transactions(call, page, pageSize, paginationKey, fromTransactionDate, toTransactionDate, transactionType,
                payeeMcc, Filters.today(call.now()).minusMonths(12));
    }

    @GET
    @Path("/{creditCardAccountId}/transactions-current")
    @Operation(summary = "A credit card's recent transactions, 7 days back (CREDIT_CARDS_ACCOUNTS_TRANSACTIONS_READ)")
    public Response currentTransactions(@PathParam("creditCardAccountId") String cardId, @QueryParam("page") String page,
                                        @QueryParam("page-size") String pageSize,
                                        @QueryParam("pagination-key") String paginationKey,
                                        @QueryParam("fromTransactionDate") String fromTransactionDate,
                                        @QueryParam("toTransactionDate") String toTransactionDate,
                                        @QueryParam("transactionType") String transactionType,
                                        @QueryParam("payeeMCC") String payeeMcc,
                                        @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                        @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                                        @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept,
                DataOperation.CARD_TRANSACTIONS_CURRENT, cardId);
        return transactions(call, page, pageSize, paginationKey, fromTransactionDate, toTransactionDate, transactionType,
                payeeMcc, Filters.today(call.now()).minusDays(Filters.CURRENT_DAYS - 1));
    }

    @GET
    @Path("/{creditCardAccountId}/bills")
    @Operation(summary = "A credit card's closed bills, 12 months back (CREDIT_CARDS_ACCOUNTS_BILLS_READ)")
    public Response bills(@PathParam("creditCardAccountId") String cardId, @QueryParam("page") String page,
                          @QueryParam("page-size") String pageSize, @QueryParam("pagination-key") String paginationKey,
                          @QueryParam("fromDueDate") String fromDueDate, @QueryParam("toDueDate") String toDueDate,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                          @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept, DataOperation.CARD_BILLS, cardId);
        Filters filters = new Filters();
        LocalDate from = filters.optionalDate("fromDueDate", fromDueDate);
        LocalDate to = filters.optionalDate("toDueDate", toDueDate);
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiError.invalidParameter("fromDueDate (" + from + ") é posterior a toDueDate (" + to + ").");
        }
        Listing listing = access.listing(call, Page.of(page, pageSize, 422), filters.query(), paginationKey);
        List<Bill> bills = book(call).bills(listing.asOf()).stream()
                .filter(bill -> (from == null || !bill.dueDate().isBefore(from)) && (to == null || !bill.dueDate().isAfter(to)))
                .toList();
        ArrayNode data = JsonNodeFactory.instance.arrayNode();
        listing.of(bills).forEach(bill -> data.add(CardViews.bill(bill)));
        return access.answer(call, Bodies.of(data, listing.links(bills.size(), true), listing.meta(bills.size())));
    }

    @GET
    @Path("/{creditCardAccountId}/bills/{billId}/transactions")
    @Operation(summary = "A closed bill's transactions (CREDIT_CARDS_ACCOUNTS_BILLS_TRANSACTIONS_READ)")
    public Response billTransactions(@PathParam("creditCardAccountId") String cardId, @PathParam("billId") String billId,
                                     @QueryParam("page") String page, @QueryParam("page-size") String pageSize,
                                     @QueryParam("pagination-key") String paginationKey,
                                     @QueryParam("fromTransactionDate") String fromTransactionDate,
                                     @QueryParam("toTransactionDate") String toTransactionDate,
                                     @QueryParam("transactionType") String transactionType,
                                     @QueryParam("payeeMCC") String payeeMcc,
                                     @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                     @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                                     @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept,
                DataOperation.CARD_BILL_TRANSACTIONS, cardId);
        if (!BILL_ID.matcher(billId).matches()) {
            throw ApiError.badRequest("PARAMETRO_INVALIDO", "billId inválido.");
        }
        CardBook card = book(call);
        Bill bill = card.bill(billId, call.now())
                .orElseThrow(() -> ApiError.notFound("Fatura " + billId + " não encontrada neste cartão."));
        Filters filters = new Filters();
        // a bill's transactions are the whole bill unless a window is asked for
        LocalDate from = filters.optionalDate("fromTransactionDate", fromTransactionDate);
        LocalDate to = filters.optionalDate("toTransactionDate", toTransactionDate);
        Predicate<CardEntry> kept = kept(filters, transactionType, payeeMcc);
        Listing listing = access.listing(call, Page.of(page, pageSize, 422), filters.query(), paginationKey);
        List<CardEntry> entries = card.billTransactions(bill).stream().filter(kept)
                .filter(entry -> (from == null || !entry.entry().bookingDate().isBefore(from))
                        && (to == null || !entry.entry().bookingDate().isAfter(to))).toList();
        ArrayNode data = JsonNodeFactory.instance.arrayNode();
        listing.of(entries).forEach(entry -> data.add(CardViews.transaction(card, entry)));
        return access.answer(call, Bodies.of(data, listing.links(entries.size(), true), listing.meta(entries.size())));
    }

    private Response transactions(DataCall call, String page, String pageSize, String paginationKey, String from,
                                  String to, String transactionType, String payeeMcc, LocalDate earliest) {
        LocalDate today = Filters.today(call.now());
        Filters filters = new Filters();
        Filters.Window window = filters.window("fromTransactionDate", from, "toTransactionDate", to, today, earliest,
                today);
        Predicate<CardEntry> kept = kept(filters, transactionType, payeeMcc);
        Listing listing = access.listing(call, Page.of(page, pageSize, 422), filters.query(), paginationKey);
        Instant asOf = listing.asOf();
        CardBook card = book(call);
        List<CardEntry> entries = card.transactions(window.from(), window.to(), asOf).stream().filter(kept).toList();
        ArrayNode data = JsonNodeFactory.instance.arrayNode();
        listing.of(entries).forEach(entry -> data.add(CardViews.transaction(card, entry)));
        return access.answer(call, Bodies.of(data, listing.links(entries.size(), false), Listing.requestDateTime()));
    }

    private static Predicate<CardEntry> kept(Filters filters, String transactionType, String payeeMcc) {
        String type = filters.oneOf("transactionType", transactionType, TRANSACTION_TYPES);
        Integer mcc = filters.number("payeeMCC", payeeMcc, 9999);
        return entry -> (type == null || entry.entry().pattern().wireType().equals(type))
                && (mcc == null || mcc.equals(entry.entry().details().mcc()));
    }

    private CardBook book(DataCall call) {
        return books.card(call.brand(), call.product());
    }
}
