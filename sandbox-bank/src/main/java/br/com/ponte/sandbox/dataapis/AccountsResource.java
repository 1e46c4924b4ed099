package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.books.AccountBook;
import br.com.ponte.sandbox.books.Books;
import br.com.ponte.sandbox.books.Entry;
import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.oauth.HttpsOnly;
import br.com.ponte.sandbox.resource.OpenFinanceApi;
import br.com.ponte.sandbox.resource.Page;
import br.com.ponte.sandbox.resource.PageTotalsInErrors;
import br.com.ponte.sandbox.sharing.Customers.AccountType;
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
import java.util.Arrays;
import java.util.List;

/**
 * Accounts 2.4.2 ({@code ofb/accounts_2.4.2.yml}) at each brand: the accounts a consent shares, each
 * one's identification, balances, overdraft limits and transactions (twelve months back and twelve ahead;
 * the last seven days for {@code transactions-current}). The user's token, scope {@code accounts}; see
 * {@link DataAccess} for what every call goes through.
 */
@Path("/open-banking/accounts/v2/accounts")
@HttpsOnly
@OpenFinanceApi
@PageTotalsInErrors
@Tag(name = "Accounts v2")
@Produces(MediaType.WILDCARD)
public class AccountsResource {

    private final DataAccess access;
    private final Books books;

    public AccountsResource(DataAccess access, Books books) {
        this.access = access;
        this.books = books;
    }

    @GET
    @Operation(summary = "The accounts the consent shares (ACCOUNTS_READ)")
    public Response accounts(@QueryParam("page") String page, @QueryParam("page-size") String pageSize,
                             @QueryParam("accountType") String accountType,
                             @QueryParam("pagination-key") String paginationKey,
                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                             @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept, DataOperation.ACCOUNTS, null);
        Filters filters = new Filters();
        String type = filters.oneOf("accountType", accountType,
                Arrays.stream(AccountType.values()).map(Enum::name).toArray(String[]::new));
        Listing listing = access.listing(call, Page.of(page, pageSize, 422), filters.query(), paginationKey);
        List<AccountBook> accounts = call.shared(ResourceType.ACCOUNT).stream()
                .map(product -> books.account(call.brand(), product))
                .filter(account -> type == null || account.terms().accountType().name().equals(type)).toList();
        ArrayNode data = JsonNodeFactory.instance.arrayNode();
        listing.of(accounts).forEach(account -> data.add(AccountViews.account(call.brand(), account)));
        return access.answer(call, Bodies.of(data, listing.links(accounts.size(), true), listing.meta(accounts.size())));
    }

    @GET
    @Path("/{accountId}")
    @Operation(summary = "An account's identification (ACCOUNTS_READ)")
    public Response account(@PathParam("accountId") String accountId,
                            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                            @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept, DataOperation.ACCOUNT, accountId);
        access.count(call);
        return access.answer(call, Bodies.single(AccountViews.identification(call.brand(), book(call)),
                url(call)));
    }

    @GET
    @Path("/{accountId}/balances")
    @Operation(summary = "An account's balances (ACCOUNTS_BALANCES_READ)")
    public Response balances(@PathParam("accountId") String accountId,
                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                             @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept, DataOperation.ACCOUNT_BALANCES,
                accountId);
        access.count(call);
        return access.answer(call, Bodies.single(AccountViews.balances(book(call).balances(call.now()), call.now()),
                url(call)));
    }

    @GET
    @Path("/{accountId}/overdraft-limits")
    @Operation(summary = "An account's overdraft limits (ACCOUNTS_OVERDRAFT_LIMITS_READ); empty data for an account without")
    public Response overdraftLimits(@PathParam("accountId") String accountId,
                                    @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                    @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                                    @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept,
                DataOperation.ACCOUNT_OVERDRAFT_LIMITS, accountId);
        access.count(call);
        return access.answer(call, Bodies.single(AccountViews.overdraftLimits(book(call).overdraftLimits(call.now())),
                url(call)));
    }

    @GET
    @Path("/{accountId}/transactions")
    @Operation(summary = "An account's transactions, 12 months back and 12 ahead (ACCOUNTS_TRANSACTIONS_READ)")
    public Response transactions(@PathParam("accountId") String accountId, @QueryParam("page") String page,
                                 @QueryParam("page-size") String pageSize,
                                 @QueryParam("fromBookingDate") String fromBookingDate,
                                 @QueryParam("toBookingDate") String toBookingDate,
                                 @QueryParam("creditDebitIndicator") String creditDebitIndicator,
                                 @QueryParam("pagination-key") String paginationKey,
                                 @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                 @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                                 @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept, DataOperation.ACCOUNT_TRANSACTIONS,
                accountId);
        LocalDate today = Filters.today(call.now());
        return transactions(call, page, pageSize, fromBookingDate, toBookingDate, creditDebitIndicator, paginationKey,
                today.minusMonths(12));
    }

    @GET
    @Path("/{accountId}/transactions-current")
    @Operation(summary = "An account's recent transactions, 7 days back and 12 months ahead (ACCOUNTS_TRANSACTIONS_READ)")
    public Response currentTransactions(@PathParam("accountId") String accountId, @QueryParam("page") String page,
                                        @QueryParam("page-size") String pageSize,
                                        @QueryParam("fromBookingDate") String fromBookingDate,
                                        @QueryParam("toBookingDate") String toBookingDate,
                                        @QueryParam("creditDebitIndicator") String creditDebitIndicator,
                                        @QueryParam("pagination-key") String paginationKey,
                                        @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                        @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                                        @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept,
                DataOperation.ACCOUNT_TRANSACTIONS_CURRENT, accountId);
        LocalDate today = Filters.today(call.now());
        return transactions(call, page, pageSize, fromBookingDate, toBookingDate, creditDebitIndicator, paginationKey,
                today.minusDays(Filters.CURRENT_DAYS - 1));
    }

    private Response transactions(DataCall call, String page, String pageSize, String fromBookingDate, String toBookingDate,
                                  String creditDebitIndicator, String paginationKey, LocalDate earliest) {
        LocalDate today = Filters.today(call.now());
        Filters filters = new Filters();
        Filters.Window window = filters.window("fromBookingDate", fromBookingDate, "toBookingDate", toBookingDate, today,
                earliest, today.plusMonths(12));
        String direction = filters.oneOf("creditDebitIndicator", creditDebitIndicator, "CREDITO", "DEBITO");
        Listing listing = access.listing(call, Page.of(page, pageSize, 422), filters.query(), paginationKey);
        Instant asOf = listing.asOf();
        List<Entry> entries = book(call).transactions(window.from(), window.to(), asOf).stream()
                .filter(entry -> direction == null || entry.pattern().credit() == "CREDITO".equals(direction)).toList();
        ArrayNode data = JsonNodeFactory.instance.arrayNode();
        listing.of(entries).forEach(entry -> data.add(AccountViews.transaction(entry, asOf)));
        return access.answer(call, Bodies.of(data, listing.links(entries.size(), false), Listing.requestDateTime()));
    }

    private AccountBook book(DataCall call) {
        return books.account(call.brand(), call.product());
    }

    private String url(DataCall call) {
        return access.url(call);
    }
}
