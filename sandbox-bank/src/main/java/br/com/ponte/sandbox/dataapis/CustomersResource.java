package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.books.AccountBook;
import br.com.ponte.sandbox.books.Books;
import br.com.ponte.sandbox.books.Registration;
import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.oauth.HttpsOnly;
import br.com.ponte.sandbox.resource.ApiError;
import br.com.ponte.sandbox.resource.OpenFinanceApi;
import br.com.ponte.sandbox.resource.Page;
import br.com.ponte.sandbox.sharing.Customers;
import br.com.ponte.sandbox.sharing.Customers.Product;
import br.com.ponte.sandbox.sharing.ResourceType;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Customers 2.2.1 ({@code ofb/customers_2.2.1.yml}) at each brand: the registration of the consent's
 * customer (the logged user's for a person's consent, the company's for a business one), its qualification
 * and its relationship with the bank (its products and accounts there). The user's token, scope
 * {@code customers}; a person's consent reads the {@code personal} paths, a company's the {@code business}
 * ones (the permissions decide). See {@link DataAccess}.
 */
@Path("/open-banking/customers/v2")
@HttpsOnly
@OpenFinanceApi
@Tag(name = "Customers v2")
@Produces(MediaType.WILDCARD)
public class CustomersResource {

    private final DataAccess access;
    private final Books books;

    public CustomersResource(DataAccess access, Books books) {
        this.access = access;
        this.books = books;
    }

    @GET
    @Path("/personal/identifications")
    @Operation(summary = "The person's registration (CUSTOMERS_PERSONAL_IDENTIFICATIONS_READ)")
    public Response personalIdentifications(@QueryParam("page") String page, @QueryParam("page-size") String pageSize,
                                            @QueryParam("pagination-key") String paginationKey,
                                            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                            @HeaderParam(HttpHeaders.ACCEPT) String accept,
                                            @Context HttpServerRequest request, @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept,
                DataOperation.PERSONAL_IDENTIFICATIONS, null);
        return identifications(call, page, pageSize, paginationKey, CustomerViews::personalIdentification);
    }

    @GET
    @Path("/personal/qualifications")
    @Operation(summary = "The person's qualification (CUSTOMERS_PERSONAL_ADITTIONALINFO_READ)")
    public Response personalQualifications(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                           @HeaderParam(HttpHeaders.ACCEPT) String accept,
                                           @Context HttpServerRequest request, @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept,
                DataOperation.PERSONAL_QUALIFICATIONS, null);
        access.count(call);
        return access.answer(call, Bodies.plain(CustomerViews.personalQualification(call.brand(), registration(call)),
                access.url(call)));
    }

    @GET
    @Path("/personal/financial-relations")
    @Operation(summary = "The person's relationship with the bank (CUSTOMERS_PERSONAL_ADITTIONALINFO_READ)")
    public Response personalFinancialRelations(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                               @HeaderParam(HttpHeaders.ACCEPT) String accept,
                                               @Context HttpServerRequest request, @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept,
                DataOperation.PERSONAL_FINANCIAL_RELATIONS, null);
        access.count(call);
        return access.answer(call, Bodies.plain(CustomerViews.personalFinancialRelations(call.brand(), registration(call),
                products(call), accounts(call)), access.url(call)));
    }

    @GET
    @Path("/business/identifications")
    @Operation(summary = "The company's registration (CUSTOMERS_BUSINESS_IDENTIFICATIONS_READ)")
    public Response businessIdentifications(@QueryParam("page") String page, @QueryParam("page-size") String pageSize,
                                            @QueryParam("pagination-key") String paginationKey,
                                            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                            @HeaderParam(HttpHeaders.ACCEPT) String accept,
                                            @Context HttpServerRequest request, @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept,
                DataOperation.BUSINESS_IDENTIFICATIONS, null);
        return identifications(call, page, pageSize, paginationKey, CustomerViews::businessIdentification);
    }

    @GET
    @Path("/business/qualifications")
    @Operation(summary = "The company's qualification (CUSTOMERS_BUSINESS_ADITTIONALINFO_READ)")
    public Response businessQualifications(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                           @HeaderParam(HttpHeaders.ACCEPT) String accept,
                                           @Context HttpServerRequest request, @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept,
                DataOperation.BUSINESS_QUALIFICATIONS, null);
        access.count(call);
        return access.answer(call, Bodies.plain(CustomerViews.businessQualification(registration(call)), access.url(call)));
    }

    @GET
    @Path("/business/financial-relations")
    @Operation(summary = "The company's relationship with the bank (CUSTOMERS_BUSINESS_ADITTIONALINFO_READ)")
    public Response businessFinancialRelations(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                               @HeaderParam(HttpHeaders.ACCEPT) String accept,
                                               @Context HttpServerRequest request, @Context UriInfo uri) {
        DataCall call = access.authorise(request, uri.getPath(), authorization, accept,
                DataOperation.BUSINESS_FINANCIAL_RELATIONS, null);
        access.count(call);
        return access.answer(call, Bodies.plain(CustomerViews.businessFinancialRelations(call.brand(), registration(call),
                products(call), accounts(call)), access.url(call)));
    }

    /**
     * The one registration, paged as the spec pages it. Its list may not be empty ({@code minItems: 1}), so a
     * page past the last is 422 rather than an empty page.
     */
    private Response identifications(DataCall call, String page, String pageSize, String paginationKey,
                                     BiFunction<Brand, Registration, ObjectNode> view) {
        Page requested = Page.of(page, pageSize, 422);
        if (requested.number() > 1) {
            throw ApiError.invalidParameter("Página " + requested.number() + " não existe: o cadastro tem uma página.");
        }
        Listing listing = access.listing(call, requested, "", paginationKey);
        ArrayNode data = JsonNodeFactory.instance.arrayNode().add(view.apply(call.brand(), registration(call)));
        return access.answer(call, Bodies.of(data, listing.links(1, true), Listing.requestDateTime()));
    }

    private Registration registration(DataCall call) {
        return books.registration(call.brand(), call.consent().customerDocument());
    }

    private static List<Product> products(DataCall call) {
        return Customers.products(call.brand(), call.consent().customerDocument());
    }

    private List<AccountBook> accounts(DataCall call) {
        return products(call).stream().filter(product -> product.type() == ResourceType.ACCOUNT)
                .map(product -> books.account(call.brand(), product)).toList();
    }
}
