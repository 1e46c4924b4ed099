package br.com.ponte.sandbox.sharing;

import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.oauth.HttpsOnly;
import br.com.ponte.sandbox.resource.ApiError;
import br.com.ponte.sandbox.resource.Caller;
import br.com.ponte.sandbox.resource.ConsentKind;
import br.com.ponte.sandbox.resource.JsonApi;
import br.com.ponte.sandbox.resource.OpenFinanceApi;
import br.com.ponte.sandbox.resource.Page;
import br.com.ponte.sandbox.resource.ResourceAccess;
import br.com.ponte.sandbox.resource.ResourceAccess.Grant;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Resources v3 ({@code ofb/resources_3.1.0.yml}): the resources an authorised consent shares, with
 * their statuses, for the user's token ({@code resources}, {@code consent:<id>}) of a consent with
 * {@code RESOURCES_READ}. A consent no longer authorised makes its tokens worthless here (401), as a
 * revoked grant would; a consent without the permission is 403.
 */
@Path(SharingPaths.RESOURCES)
@HttpsOnly
@OpenFinanceApi
@Tag(name = "Resources v3")
public class ResourcesResource {

    private final ResourceAccess access;
    private final SharingSpec spec;
    private final SharingConsents consents;
    private final BrandContext bank;

    public ResourcesResource(ResourceAccess access, SharingSpec spec, SharingConsents consents, BrandContext bank) {
        this.access = access;
        this.spec = spec;
        this.consents = consents;
        this.bank = bank;
    }

    @GET
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "List the resources a consent shares (the user's token: resources, consent:<id>)")
    public Response list(@QueryParam("page") String page, @QueryParam("page-size") String pageSize,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request) {
        Caller caller = access.authorise(request, authorization, Grant.AUTHORIZATION_CODE, SharingPaths.RESOURCES_SCOPE,
                ConsentKind.DATA_SHARING);
        SharingConsent consent = consents.find(caller.consentId())
                .filter(found -> found.status() == SharingConsentStatus.AUTHORISED)
                .orElseThrow(() -> ApiError.unauthorized("O consentimento " + caller.consentId()
                        + " não está autorizado (revogado, expirado ou rejeitado)."));
        if (!consent.permissions().contains(Permission.RESOURCES_READ)) {
            throw ApiError.forbidden("O consentimento não tem a permissão RESOURCES_READ.");
        }
        JsonApi.requireJsonAccepted(accept);
        Page requested = Page.of(page, pageSize, 422);
        return JsonApi.answer(200, SharingSpec.answer(spec.resources(), "ResponseResourceList",
                SharingViews.resources(consent, requested, bank.url(SharingPaths.RESOURCES))),
                SharingSpec.RESOURCES_VERSION);
    }
}
