package br.com.ponte.collection.api;

import br.com.ponte.collection.domain.Operation;
import br.com.ponte.kit.security.CurrentPartner;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The collected data of one sharing consent, shaped like Open Finance's data APIs: {@code data} as the
 * bank answered it, field for field, with {@code meta.collectedAt} and {@code meta.source} ({@code CACHE}
 * or, with {@code live=true}, {@code LIVE}). Another partner's consent or resource is not found.
 */
@Path("/v1/sharing-consents/{consentId}")
@Tag(name = "Collected data")
@SecurityRequirement(name = "partnerToken")
@RolesAllowed(CurrentPartner.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class SharingDataResource {

    private static final String LIVE = "Read at the bank now (spends the operational-limit budget, the reserve included); "
            + "429 LIMITE_OPERACIONAL_ATINGIDO when none is left";

    private final CurrentPartner partner;
    private final DataReads reads;
    private final BudgetView budgets;
    private final br.com.ponte.collection.domain.Refreshes refreshes;

    @Context
    UriInfo uri;

    public SharingDataResource(CurrentPartner partner, DataReads reads, BudgetView budgets,
                               br.com.ponte.collection.domain.Refreshes refreshes) {
        this.partner = partner;
        this.reads = reads;
        this.budgets = budgets;
        this.refreshes = refreshes;
    }

    private String self() {
        return uri.getRequestUri().getRawPath() + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
    }

    private Uni<DataResponse> stored(String consentId, Operation op, String resourceId, boolean live) {
        return reads.answer(partner.id(), consentId, op, resourceId, null, live, self());
    }

    @GET
    @Path("/resources")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "The consent's resources and their status",
            description = "Accounts, credit card accounts and credit operations shared, with their status at the institution "
                    + "(AVAILABLE, UNAVAILABLE, TEMPORARILY_UNAVAILABLE, PENDING_AUTHORISATION), as consent-service reported them.")
    public Uni<DataResponse> resources(@PathParam("consentId") String consentId) {
        return reads.resources(partner.id(), consentId, self());
    }

    // Accounts (accounts API v2)

    @GET
    @Path("/accounts")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Accounts (GET /accounts)")
    public Uni<DataResponse> accounts(@PathParam("consentId") String consentId, @Parameter(description = LIVE) @QueryParam("live") boolean live) {
        return stored(consentId, Operation.ACCOUNTS_LIST, null, live);
    }

    @GET
    @Path("/accounts/{accountId}")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "One account's identification (GET /accounts/{accountId})")
    public Uni<DataResponse> account(@PathParam("consentId") String consentId, @PathParam("accountId") String accountId,
                                     @Parameter(description = LIVE) @QueryParam("live") boolean live) {
        return stored(consentId, Operation.ACCOUNT, accountId, live);
    }

    @GET
    @Path("/accounts/{accountId}/balances")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "One account's balances")
    public Uni<DataResponse> balances(@PathParam("consentId") String consentId, @PathParam("accountId") String accountId,
                                      @Parameter(description = LIVE) @QueryParam("live") boolean live) {
        return stored(consentId, Operation.ACCOUNT_BALANCES, accountId, live);
    }

    @GET
    @Path("/accounts/{accountId}/overdraft-limits")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "One account's overdraft limits")
    public Uni<DataResponse> overdraftLimits(@PathParam("consentId") String consentId, @PathParam("accountId") String accountId,
                                             @Parameter(description = LIVE) @QueryParam("live") boolean live) {
        return stored(consentId, Operation.ACCOUNT_OVERDRAFT_LIMITS, accountId, live);
    }

    @GET
    @Path("/accounts/{accountId}/transactions")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "One account's transactions",
            description = "By booking date (transactionDateTime's day), then transactionId: a page at a time (cursor, page-size "
                    + "1 to 1000, default 25; meta.cursor and links.next name the next page) or every page at once (all=true). "
                    + "live=true reads the recent window at the bank first (transactions-current). 400 PARAMETRO_INVALIDO for a "
                    + "bad date, cursor or page-size; 422 INTERVALO_INVALIDO when fromBookingDate is after toBookingDate.")
    public Uni<DataResponse> accountTransactions(@PathParam("consentId") String consentId, @PathParam("accountId") String accountId,
                                                 @QueryParam("fromBookingDate") String from, @QueryParam("toBookingDate") String to,
                                                 @QueryParam("cursor") String cursor, @QueryParam("page-size") Integer pageSize,
                                                 @QueryParam("all") boolean all,
                                                 @Parameter(description = LIVE) @QueryParam("live") boolean live) {
        return reads.transactions(partner.id(), consentId, Operation.ACCOUNT_TRANSACTIONS, accountId,
                new DataReads.TransactionQuery(from, to, cursor, pageSize, all, live), self());
    }

    // Credit cards (credit-cards-accounts API v2)

    @GET
    @Path("/credit-cards-accounts")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Credit card accounts (GET /accounts)")
    public Uni<DataResponse> cards(@PathParam("consentId") String consentId, @Parameter(description = LIVE) @QueryParam("live") boolean live) {
        return stored(consentId, Operation.CREDIT_CARDS_LIST, null, live);
    }

    @GET
    @Path("/credit-cards-accounts/{creditCardAccountId}")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "One credit card account")
    public Uni<DataResponse> card(@PathParam("consentId") String consentId, @PathParam("creditCardAccountId") String cardId,
                                  @Parameter(description = LIVE) @QueryParam("live") boolean live) {
        return stored(consentId, Operation.CREDIT_CARD, cardId, live);
    }

    @GET
    @Path("/credit-cards-accounts/{creditCardAccountId}/limits")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "One credit card account's limits")
    public Uni<DataResponse> cardLimits(@PathParam("consentId") String consentId, @PathParam("creditCardAccountId") String cardId,
                                        @Parameter(description = LIVE) @QueryParam("live") boolean live) {
        return stored(consentId, Operation.CREDIT_CARD_LIMITS, cardId, live);
    }

    @GET
    @Path("/credit-cards-accounts/{creditCardAccountId}/transactions")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "One credit card account's transactions",
            description = "As an account's transactions, filtered by fromTransactionDate and toTransactionDate.")
    public Uni<DataResponse> cardTransactions(@PathParam("consentId") String consentId, @PathParam("creditCardAccountId") String cardId,
                                              @QueryParam("fromTransactionDate") String from, @QueryParam("toTransactionDate") String to,
                                              @QueryParam("cursor") String cursor, @QueryParam("page-size") Integer pageSize,
                                              @QueryParam("all") boolean all,
                                              @Parameter(description = LIVE) @QueryParam("live") boolean live) {
        return reads.transactions(partner.id(), consentId, Operation.CREDIT_CARD_TRANSACTIONS, cardId,
                new DataReads.TransactionQuery(from, to, cursor, pageSize, all, live), self());
    }

    @GET
    @Path("/credit-cards-accounts/{creditCardAccountId}/bills")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "One credit card account's bills (last 12 months)")
    public Uni<DataResponse> bills(@PathParam("consentId") String consentId, @PathParam("creditCardAccountId") String cardId,
                                   @Parameter(description = LIVE) @QueryParam("live") boolean live) {
        return stored(consentId, Operation.CREDIT_CARD_BILLS, cardId, live);
    }

    @GET
    @Path("/credit-cards-accounts/{creditCardAccountId}/bills/{billId}/transactions")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "One bill's transactions")
    public Uni<DataResponse> billTransactions(@PathParam("consentId") String consentId, @PathParam("creditCardAccountId") String cardId,
                                              @PathParam("billId") String billId,
                                              @Parameter(description = LIVE) @QueryParam("live") boolean live) {
        return reads.billTransactions(partner.id(), consentId, cardId, billId, live, self());
    }

    // Credit operations (loans, financings, invoice-financings, unarranged-accounts-overdraft API v2)

    @GET
    @Path("/{family: loans|financings|invoice-financings|unarranged-accounts-overdraft}")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Contracts of a credit-operation family (GET /contracts)")
    public Uni<DataResponse> contracts(@PathParam("consentId") String consentId, @Parameter(schema = @Schema(type = SchemaType.STRING,
            enumeration = {"loans", "financings", "invoice-financings", "unarranged-accounts-overdraft"})) @PathParam("family") String family,
                                       @Parameter(description = LIVE) @QueryParam("live") boolean live) {
        return stored(consentId, CreditFamily.of(family).contracts(), null, live);
    }

    @GET
    @Path("/{family: loans|financings|invoice-financings|unarranged-accounts-overdraft}/{contractId}")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "One contract")
    public Uni<DataResponse> contract(@PathParam("consentId") String consentId, @PathParam("family") String family,
                                      @PathParam("contractId") String contractId,
                                      @Parameter(description = LIVE) @QueryParam("live") boolean live) {
        return stored(consentId, CreditFamily.of(family).contract(), contractId, live);
    }

    @GET
    @Path("/{family: loans|financings|invoice-financings|unarranged-accounts-overdraft}/{contractId}/warranties")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "One contract's warranties")
    public Uni<DataResponse> warranties(@PathParam("consentId") String consentId, @PathParam("family") String family,
                                        @PathParam("contractId") String contractId,
                                        @Parameter(description = LIVE) @QueryParam("live") boolean live) {
        return stored(consentId, CreditFamily.of(family).warranties(), contractId, live);
    }

    @GET
    @Path("/{family: loans|financings|invoice-financings|unarranged-accounts-overdraft}/{contractId}/scheduled-instalments")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "One contract's scheduled instalments")
    public Uni<DataResponse> instalments(@PathParam("consentId") String consentId, @PathParam("family") String family,
                                         @PathParam("contractId") String contractId,
                                         @Parameter(description = LIVE) @QueryParam("live") boolean live) {
        return stored(consentId, CreditFamily.of(family).instalments(), contractId, live);
    }

    @GET
    @Path("/{family: loans|financings|invoice-financings|unarranged-accounts-overdraft}/{contractId}/payments")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "One contract's payments")
    public Uni<DataResponse> payments(@PathParam("consentId") String consentId, @PathParam("family") String family,
                                      @PathParam("contractId") String contractId,
                                      @Parameter(description = LIVE) @QueryParam("live") boolean live) {
        return stored(consentId, CreditFamily.of(family).payments(), contractId, live);
    }

    // Registration data (customers API v2)

    @GET
    @Path("/customers/{holder: personal|business}/{what: identifications|qualifications|financial-relations}")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "The customer's registration data",
            description = "personal or business; identifications, qualifications or financial-relations.")
    public Uni<DataResponse> customers(@PathParam("consentId") String consentId, @PathParam("holder") String holder,
                                       @PathParam("what") String what,
                                       @Parameter(description = LIVE) @QueryParam("live") boolean live) {
        Operation op = Operation.valueOf("CUSTOMERS_" + holder.toUpperCase() + "_" + what.toUpperCase().replace('-', '_'));
        return stored(consentId, op, null, live);
    }

    // The budget and refreshes

    @GET
    @Path("/budget")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "The consent's operational-limit budget this month",
            description = "Per operation the consent's permissions allow (per resource when the bank counts so): limit, used, "
                    + "remaining, the reserve kept for live reads, availableForCollection, throttled (calls the bank answered 429), "
                    + "and when the count resets (resetsAt, the next month's start in America/Sao_Paulo).")
    public Uni<com.fasterxml.jackson.databind.JsonNode> budget(@PathParam("consentId") String consentId) {
        return reads.consent(partner.id(), consentId).chain(budgets::of);
    }

    @jakarta.ws.rs.POST
    @Path("/refresh")
    @jakarta.ws.rs.Consumes(MediaType.WILDCARD)
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Refresh data groups now",
            description = "Body (optional) {\"groups\": [\"REGISTRATION\", \"ACCOUNTS\", \"CREDIT_CARDS\", \"CREDIT_OPERATIONS\"]} "
                    + "(none: every group). 202 with what was scheduled (collections: the runs, collection:started / "
                    + "collection:finished), what was already due, and what was skipped with why (FRESH: collected less than "
                    + "refresh-min-age ago; BUDGET: no calls left above the reserve this month). 429 LIMITE_OPERACIONAL_ATINGIDO "
                    + "when the budget leaves nothing to schedule, 422 ATUALIZACAO_DESNECESSARIA when nothing would help, 422 "
                    + "CONSENTIMENTO_INVALIDO for an ended consent. x-idempotency-key replays the first answer.")
    public Uni<jakarta.ws.rs.core.Response> refresh(@PathParam("consentId") String consentId,
                                                    @jakarta.ws.rs.HeaderParam("x-idempotency-key") String idempotencyKey,
                                                    @jakarta.ws.rs.HeaderParam("content-type") String contentType,
                                                    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content =
                                                    @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                                                            schema = @Schema(implementation = RefreshRequest.class))) String body) {
        br.com.ponte.kit.api.IdempotencyKeys.check(idempotencyKey);
        RefreshRequest request = RefreshRequest.parse(contentType, body);
        java.util.UUID id = br.com.ponte.kit.api.ApiException.uuidOrNotFound(consentId, "sharing consent");
        java.util.Set<br.com.ponte.collection.domain.DataGroup> groups = br.com.ponte.collection.domain.Refreshes.groups(
                request == null ? null : request.groups());
        String hash = br.com.ponte.kit.api.IdempotencyKeys.requestHash(java.util.Map.of("consentId", consentId,
                "groups", groups.stream().map(Enum::name).toList()));
        return refreshes.refresh(partner.id(), id, groups, idempotencyKey, hash)
                .map(answer -> jakarta.ws.rs.core.Response.accepted(answer).type(MediaType.APPLICATION_JSON).build());
    }

    /** The body of a refresh: which groups (none, or no body: all). */
    public record RefreshRequest(java.util.List<String> groups) {

        /** The body is optional (no body: every group); one that is there must be JSON. */
        static RefreshRequest parse(String contentType, String body) {
            if (body == null || body.isBlank()) {
                return null;
            }
            if (contentType == null || !contentType.toLowerCase().startsWith(MediaType.APPLICATION_JSON)) {
                throw new br.com.ponte.kit.api.ApiException(415, "FORMATO_NAO_SUPORTADO", "Formato não suportado",
                        "A refresh body is JSON (Content-Type: application/json)");
            }
            try {
                return br.com.ponte.collection.domain.Json.MAPPER.readValue(body, RefreshRequest.class);
            } catch (java.io.IOException e) {
                throw br.com.ponte.kit.api.ApiException.badRequest("PARAMETRO_INVALIDO",
                        "The body is not {\"groups\": [...]} with groups among REGISTRATION, ACCOUNTS, CREDIT_CARDS, CREDIT_OPERATIONS");
            }
        }
    }

    /** The four credit-operation families and their operations. */
    enum CreditFamily {
        LOANS(Operation.LOANS_CONTRACTS, Operation.LOAN_CONTRACT, Operation.LOAN_WARRANTIES, Operation.LOAN_SCHEDULED_INSTALMENTS,
                Operation.LOAN_PAYMENTS),
        FINANCINGS(Operation.FINANCINGS_CONTRACTS, Operation.FINANCING_CONTRACT, Operation.FINANCING_WARRANTIES,
                Operation.FINANCING_SCHEDULED_INSTALMENTS, Operation.FINANCING_PAYMENTS),
        INVOICE_FINANCINGS(Operation.INVOICE_FINANCINGS_CONTRACTS, Operation.INVOICE_FINANCING_CONTRACT,
                Operation.INVOICE_FINANCING_WARRANTIES, Operation.INVOICE_FINANCING_SCHEDULED_INSTALMENTS,
                Operation.INVOICE_FINANCING_PAYMENTS),
        UNARRANGED_ACCOUNTS_OVERDRAFT(Operation.UNARRANGED_ACCOUNTS_OVERDRAFT_CONTRACTS, Operation.UNARRANGED_ACCOUNT_OVERDRAFT_CONTRACT,
                Operation.UNARRANGED_ACCOUNT_OVERDRAFT_WARRANTIES, Operation.UNARRANGED_ACCOUNT_OVERDRAFT_SCHEDULED_INSTALMENTS,
                Operation.UNARRANGED_ACCOUNT_OVERDRAFT_PAYMENTS);

        private final Operation contracts;
        private final Operation contract;
        private final Operation warranties;
        private final Operation instalments;
        private final Operation payments;

        CreditFamily(Operation contracts, Operation contract, Operation warranties, Operation instalments, Operation payments) {
            this.contracts = contracts;
            this.contract = contract;
            this.warranties = warranties;
            this.instalments = instalments;
            this.payments = payments;
        }

        static CreditFamily of(String path) {
            return valueOf(path.toUpperCase().replace('-', '_'));
        }

        Operation contracts() {
            return contracts;
        }

        Operation contract() {
            return contract;
        }

        Operation warranties() {
            return warranties;
        }

        Operation instalments() {
            return instalments;
        }

        Operation payments() {
            return payments;
        }
    }
}
