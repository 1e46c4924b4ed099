package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.resource.ApiError;
import br.com.ponte.sandbox.resource.Caller;
import br.com.ponte.sandbox.resource.ConsentKind;
import br.com.ponte.sandbox.resource.JsonApi;
import br.com.ponte.sandbox.resource.Page;
import br.com.ponte.sandbox.resource.ResourceAccess;
import br.com.ponte.sandbox.resource.ResourceAccess.Grant;
import br.com.ponte.sandbox.sharing.Customers;
import br.com.ponte.sandbox.sharing.Customers.Product;
import br.com.ponte.sandbox.sharing.ResourceStatus;
import br.com.ponte.sandbox.sharing.SharedResource;
import br.com.ponte.sandbox.sharing.SharingConsent;
import br.com.ponte.sandbox.sharing.SharingConsentStatus;
import br.com.ponte.sandbox.sharing.SharingConsents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What every data API call goes through, in this order, whatever the API: the resource server's check
 * ({@link ResourceAccess}: mutual TLS, the user's token bound to it with the API's scope, naming a
 * data-sharing consent of the client's; 401, 403, the rate limit's 429); the consent AUTHORISED (else 401,
 * as a revoked grant's token); the answer's type (406); the consent's permission for the operation (else 403
 * {@code FORBIDDEN}); the resource the path names (400 for a malformed id) one the consent shares (else
 * 403 {@code FORBIDDEN}) and AVAILABLE (else 403 {@code STATUS_RESOURCE_PENDING_AUTHORISATION},
 * {@code STATUS_RESOURCE_TEMPORARILY_UNAVAILABLE} or {@code STATUS_RESOURCE_UNAVAILABLE}). Then the resource
 * reads its parameters, and the call is counted against the operational limits ({@link #count}, 429) unless a
 * valid {@code pagination-key} keeps it out; last, the answer is validated against the spec.
 */
@ApplicationScoped
public class DataAccess {

    /** The specs' id pattern for accounts, cards, contracts and bills. */
    private static final Pattern RESOURCE_ID = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9-]{0,99}$");

    private final ResourceAccess access;
    private final SharingConsents consents;
    private final BrandContext bank;
    private final OperationalLimits limits;
    private final PaginationKeys keys;
    private final DataSpecs specs;

    public DataAccess(ResourceAccess access, SharingConsents consents, BrandContext bank, OperationalLimits limits,
                      PaginationKeys keys, DataSpecs specs) {
        this.access = access;
        this.consents = consents;
        this.bank = bank;
        this.limits = limits;
        this.keys = keys;
        this.specs = specs;
    }

    /**
     * The call to {@code path} (below the brand's issuer), when it may read the operation, on {@code resourceId}
     * when its path names one (else null).
     */
    DataCall authorise(HttpServerRequest request, String path, String authorization, String accept, DataOperation operation,
                       String resourceId) {
        Caller caller = access.authorise(request, authorization, Grant.AUTHORIZATION_CODE, operation.family().scope(),
                ConsentKind.DATA_SHARING);
        SharingConsent consent = consents.find(caller.consentId())
                .filter(found -> found.status() == SharingConsentStatus.AUTHORISED)
                .orElseThrow(() -> ApiError.unauthorized("O consentimento " + caller.consentId()
                        + " não está autorizado (revogado, expirado ou rejeitado)."));
        JsonApi.requireJsonAccepted(accept);
        if (!consent.permissions().contains(operation.permission())) {
            throw ApiError.forbidden("O consentimento não tem a permissão " + operation.permission() + ".");
        }
        Product product = operation.resourceType() == null ? null : shared(consent, operation, resourceId);
        return new DataCall(operation, caller, consent, bank.brand(), product, path, Instant.now());
    }

    private Product shared(SharingConsent consent, DataOperation operation, String resourceId) {
        if (resourceId == null || !RESOURCE_ID.matcher(resourceId).matches()) {
            throw ApiError.badRequest("PARAMETRO_INVALIDO", "Identificador de recurso inválido.");
        }
        SharedResource resource = consent.resources().stream()
                .filter(shared -> shared.resourceId().equals(resourceId) && shared.type() == operation.resourceType())
                .findFirst()
                .orElseThrow(() -> ApiError.forbidden("O recurso " + resourceId + " não é compartilhado por este consentimento."));
        if (resource.status() != ResourceStatus.AVAILABLE) {
            throw new ApiError(403, "STATUS_RESOURCE_" + resource.status().name(), "Recurso indisponível.",
                    "O recurso " + resourceId + " está " + resource.status().name() + " neste consentimento.");
        }
        return Customers.product(bank.brand(), resourceId).orElseThrow();
    }

    /**
     * One page of a list: the page asked for, its filters ({@code &name=value...}, in the links) and its
     * {@code pagination-key}. With a valid key the page is read as of the listing's first page and not counted;
     * without one the call is counted, and the links of the other pages carry a new key.
     */
    Listing listing(DataCall call, Page page, String filters, String paginationKey) {
        String listing = call.consent().consentId() + "|" + call.operation().key() + "|" + call.resourceId() + "|"
                + filters + "|" + page.size();
        Instant asOf = call.now();
        String selfQuery = filters;
        if (paginationKey != null && !paginationKey.isEmpty() && call.operation().paginationKey()) {
            asOf = keys.check(paginationKey, listing, call.now());
            selfQuery = filters + "&pagination-key=" + paginationKey;
        } else {
            count(call);
        }
        String key = call.operation().paginationKey() ? keys.issue(listing, asOf, call.now()) : null;
        return new Listing(page, url(call), selfQuery, key == null ? filters : filters + "&pagination-key="
                + key, asOf);
    }

    /** The URL the call was made to, without its query. */
    String url(DataCall call) {
        return bank.url(call.path());
    }

    /** Counts the call against the consent's operational limit (429 beyond it). */
    void count(DataCall call) {
        limits.count(call.brand(), call.consent().consentId(), call.operation(), call.resourceId(), call.now());
    }

    /** The 200 answer, once its body is valid against the operation's schema; {@code x-v} where the spec has it. */
    Response answer(DataCall call, ObjectNode body) {
        return JsonApi.answer(200, specs.answer(call.operation(), body), DataSpecs.versionHeader(call.operation().family()));
    }
}
