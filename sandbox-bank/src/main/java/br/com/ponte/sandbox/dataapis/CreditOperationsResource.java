package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.books.Books;
import br.com.ponte.sandbox.books.Contract;
import br.com.ponte.sandbox.brand.ApiFamily;
import br.com.ponte.sandbox.oauth.HttpsOnly;
import br.com.ponte.sandbox.resource.OpenFinanceApi;
import br.com.ponte.sandbox.resource.Page;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The four credit operations APIs at each brand, the same paths below each one's base: loans 2.5.0,
 * financings 2.4.0, invoice financings 2.4.0, unarranged accounts overdraft 2.5.0
 * ({@code ofb/<api>_<version>.yml}). The contracts a consent shares, each one's contract, warranties,
 * scheduled instalments and payments. The user's token with the API's scope ({@code loans}, ...); answers
 * carry {@code x-v}. See {@link DataAccess}.
 */
@Path("/open-banking/{api: loans|financings|invoice-financings|unarranged-accounts-overdraft}/v2/contracts")
@HttpsOnly
@OpenFinanceApi
@Tag(name = "Credit operations v2")
@Produces(MediaType.WILDCARD)
public class CreditOperationsResource {

    /** Each API's operations: the list, one contract, its warranties, its instalments, its payments. */
    private record Operations(DataOperation contracts, DataOperation contract, DataOperation warranties,
                              DataOperation instalments, DataOperation payments) {
    }

    private static final Map<ApiFamily, Operations> OPERATIONS = Map.of(
            ApiFamily.LOANS, new Operations(DataOperation.LOANS, DataOperation.LOAN, DataOperation.LOAN_WARRANTIES,
                    DataOperation.LOAN_SCHEDULED_INSTALMENTS, DataOperation.LOAN_PAYMENTS),
            ApiFamily.FINANCINGS, new Operations(DataOperation.FINANCINGS, DataOperation.FINANCING,
                    DataOperation.FINANCING_WARRANTIES, DataOperation.FINANCING_SCHEDULED_INSTALMENTS,
                    DataOperation.FINANCING_PAYMENTS),
            ApiFamily.INVOICE_FINANCINGS, new Operations(DataOperation.INVOICE_FINANCINGS, DataOperation.INVOICE_FINANCING,
                    DataOperation.INVOICE_FINANCING_WARRANTIES, DataOperation.INVOICE_FINANCING_SCHEDULED_INSTALMENTS,
                    DataOperation.INVOICE_FINANCING_PAYMENTS),
            ApiFamily.UNARRANGED_ACCOUNTS_OVERDRAFT, new Operations(DataOperation.OVERDRAFTS, DataOperation.OVERDRAFT,
                    DataOperation.OVERDRAFT_WARRANTIES, DataOperation.OVERDRAFT_SCHEDULED_INSTALMENTS,
                    DataOperation.OVERDRAFT_PAYMENTS));

    private final DataAccess access;
    private final Books books;

    public CreditOperationsResource(DataAccess access, Books books) {
        this.access = access;
        this.books = books;
    }

    @GET
    @Operation(summary = "The contracts the consent shares (LOANS_READ, FINANCINGS_READ, ...)")
    public Response contracts(@PathParam("api") String api, @QueryParam("page") String page,
                              @QueryParam("page-size") String pageSize, @QueryParam("pagination-key") String paginationKey,
                              @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                              @Context UriInfo uri) {
        ApiFamily family = family(api);
        DataOperation operation = OPERATIONS.get(family).contracts();
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept, operation, null);
        Listing listing = access.listing(call, Page.of(page, pageSize, 422), "", paginationKey);
        List<Contract> contracts = call.shared(OPERATIONS.get(family).contract().resourceType()).stream()
                .map(product -> books.contract(call.brand(), product)).toList();
        ArrayNode data = JsonNodeFactory.instance.arrayNode();
        listing.of(contracts).forEach(contract -> data.add(ContractViews.listed(family, call.brand(), contract)));
        return access.answer(call, Bodies.of(data, listing.links(contracts.size(), true), listing.meta(contracts.size())));
    }

    @GET
    @Path("/{contractId}")
    @Operation(summary = "A contract (LOANS_READ, FINANCINGS_READ, ...)")
    public Response contract(@PathParam("api") String api, @PathParam("contractId") String contractId,
                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                             @Context UriInfo uri) {
        ApiFamily family = family(api);
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept, OPERATIONS.get(family).contract(),
                contractId);
        access.count(call);
        return access.answer(call, Bodies.plain(ContractViews.contract(family, contract(call),
                Filters.today(call.now())), access.url(call)));
    }

    @GET
    @Path("/{contractId}/warranties")
    @Operation(summary = "A contract's warranties (LOANS_WARRANTIES_READ, ...)")
    public Response warranties(@PathParam("api") String api, @PathParam("contractId") String contractId,
                               @QueryParam("page") String page, @QueryParam("page-size") String pageSize,
                               @QueryParam("pagination-key") String paginationKey,
                               @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                               @Context UriInfo uri) {
        ApiFamily family = family(api);
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept,
                OPERATIONS.get(family).warranties(), contractId);
        Listing listing = access.listing(call, Page.of(page, pageSize, 422), "", paginationKey);
        List<ObjectNode> all = ContractViews.warranties(contract(call));
        ArrayNode data = JsonNodeFactory.instance.arrayNode();
        listing.of(all).forEach(data::add);
        return access.answer(call, Bodies.of(data, listing.links(all.size(), true), listing.meta(all.size())));
    }

    @GET
    @Path("/{contractId}/scheduled-instalments")
    @Operation(summary = "A contract's instalments (LOANS_SCHEDULED_INSTALMENTS_READ, ...)")
    public Response instalments(@PathParam("api") String api, @PathParam("contractId") String contractId,
                                @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                                @Context UriInfo uri) {
        ApiFamily family = family(api);
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept,
                OPERATIONS.get(family).instalments(), contractId);
        access.count(call);
        return access.answer(call, Bodies.plain(ContractViews.instalments(contract(call), Filters.today(call.now())),
                access.url(call)));
    }

    @GET
    @Path("/{contractId}/payments")
    @Operation(summary = "A contract's payments (LOANS_PAYMENTS_READ, ...)")
    public Response payments(@PathParam("api") String api, @PathParam("contractId") String contractId,
                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request,
                             @Context UriInfo uri) {
        ApiFamily family = family(api);
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept,
                OPERATIONS.get(family).payments(), contractId);
        access.count(call);
        return access.answer(call, Bodies.plain(ContractViews.payments(family, contract(call), Filters.today(call.now()),
                call.now()), access.url(call)));
    }

    private Contract contract(DataCall call) {
        return books.contract(call.brand(), call.product());
    }

    private static ApiFamily family(String api) {
        return Arrays.stream(ApiFamily.values()).filter(family -> family.familyType().equals(api)).findFirst().orElseThrow();
    }
}
