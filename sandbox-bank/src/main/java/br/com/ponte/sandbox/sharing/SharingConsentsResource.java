package br.com.ponte.sandbox.sharing;

import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.oauth.HttpsOnly;
import br.com.ponte.sandbox.resource.ApiError;
import br.com.ponte.sandbox.resource.Caller;
import br.com.ponte.sandbox.resource.ConsentKind;
import br.com.ponte.sandbox.resource.IdempotencyKeys;
import br.com.ponte.sandbox.resource.IdempotencyKeys.Answer;
import br.com.ponte.sandbox.resource.JsonApi;
import br.com.ponte.sandbox.resource.OpenFinanceApi;
import br.com.ponte.sandbox.resource.Page;
import br.com.ponte.sandbox.resource.ResourceAccess;
import br.com.ponte.sandbox.resource.ResourceAccess.Grant;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Consents v3 ({@code ofb/consents_3.3.1.yml}) at each brand: create, read and delete a data-sharing
 * consent with a client credentials token (scope {@code consents}); renew it without redirection
 * with the user's token ({@code openid}, {@code consent:<id>}) and list its renewals. Plain JSON both
 * ways, each body checked against the spec.
 */
@Path(SharingPaths.CONSENTS)
@HttpsOnly
@OpenFinanceApi
@Tag(name = "Consents v3")
public class SharingConsentsResource {

    /** {@code x-fapi-customer-ip-address} and {@code x-customer-user-agent} of a renewal: no blank at either end. */
    private static final Pattern HEADER_VALUE = Pattern.compile("^[^\\s](.*[^\\s])?$");

    private final ResourceAccess access;
    private final SharingSpec spec;
    private final IdempotencyKeys idempotency;
    private final SharingConsents consents;
    private final BrandContext bank;

    public SharingConsentsResource(ResourceAccess access, SharingSpec spec, IdempotencyKeys idempotency,
                                   SharingConsents consents, BrandContext bank) {
        this.access = access;
        this.spec = spec;
        this.idempotency = idempotency;
        this.consents = consents;
        this.bank = bank;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Create a data-sharing consent (JSON body, client credentials token, scope consents)")
    public Response create(String body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.ACCEPT) String accept,
                           @HeaderParam("x-idempotency-key") String idempotencyKey,
                           @Context HttpServerRequest request) {
        Caller caller = access.authorise(request, authorization, Grant.CLIENT_CREDENTIALS, SharingPaths.CONSENTS_SCOPE,
                ConsentKind.DATA_SHARING);
        JsonApi.requireJsonAccepted(accept);
        JsonApi.requireJsonBody(contentType);
        JsonNode json = JsonApi.parse(body);
        Supplier<Answer> create = () -> new Answer(201, created(caller, json));
        // consents v3 has no idempotency key; one sent is honoured as the payments API does, the
        // conflict answered with the one code the spec leaves for what it did not map
        Answer answer = idempotencyKey == null ? create.get()
                : idempotency.once(caller.clientId(), SharingPaths.CONSENTS, IdempotencyKeys.require(idempotencyKey), json,
                () -> ApiError.unprocessable("ERRO_NAO_MAPEADO", "Erro de idempotência.",
                        "Corpo diverge do associado a esta chave de idempotência (x-idempotency-key)."), create);
        return JsonApi.answer(answer.status(), answer.body(), SharingSpec.CONSENTS_VERSION);
    }

    private String created(Caller caller, JsonNode json) {
        spec.requireConsentsRequest("CreateConsent", json);
        JsonNode data = json.get("data");
        String cpf = document(data.path("loggedUser"), "CPF");
        String cnpj = data.has("businessEntity") ? document(data.get("businessEntity"), "CNPJ") : null;
        List<String> names = new ArrayList<>();
        data.get("permissions").forEach(permission -> names.add(permission.asText()));
        Instant expiration = instant(data.path("expirationDateTime"));
        List<Permission> kept = PermissionRules.kept(PermissionRules.parse(names), cnpj != null, expiration, Instant.now(),
                Customers.categories(bank.brand()));
        SharingConsent consent = consents.create(caller.clientId(), cpf, cnpj, kept, expiration);
        return SharingSpec.answer(spec.consents(), "ResponseConsent", SharingViews.answer(SharingViews.consent(consent),
                bank.url(SharingPaths.consent(consent.consentId()))));
    }

    @GET
    @Path("/{consentId}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Read a data-sharing consent (client credentials token, scope consents)")
    public Response read(@PathParam("consentId") String consentId,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request) {
        Caller caller = access.authorise(request, authorization, Grant.CLIENT_CREDENTIALS, SharingPaths.CONSENTS_SCOPE,
                ConsentKind.DATA_SHARING);
        JsonApi.requireJsonAccepted(accept);
        SharingConsent consent = consents.ofClient(consentId, caller.clientId());
        return JsonApi.answer(200, SharingSpec.answer(spec.consents(), "ResponseConsentRead", SharingViews.answer(
                SharingViews.consentRead(consent), bank.url(SharingPaths.consent(consentId)))), SharingSpec.CONSENTS_VERSION);
    }

    @DELETE
    @Path("/{consentId}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Revoke a data-sharing consent on the user's behalf (client credentials token, scope consents)")
    public Response delete(@PathParam("consentId") String consentId,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context HttpServerRequest request) {
        Caller caller = access.authorise(request, authorization, Grant.CLIENT_CREDENTIALS, SharingPaths.CONSENTS_SCOPE,
                ConsentKind.DATA_SHARING);
        consents.delete(consentId, caller.clientId());
        return JsonApi.answer(204, null, SharingSpec.CONSENTS_VERSION);
    }

    @POST
    @Path("/{consentId}/extends")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Renew a data-sharing consent without redirection (the user's token: openid, consent:<id>)")
    public Response extend(@PathParam("consentId") String consentId, String body,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.ACCEPT) String accept,
                           @HeaderParam("x-fapi-customer-ip-address") String customerIpAddress,
                           @HeaderParam("x-customer-user-agent") String customerUserAgent,
                           @Context HttpServerRequest request) {
        Caller caller = access.authorise(request, authorization, Grant.AUTHORIZATION_CODE, SharingPaths.OPENID_SCOPE,
                ConsentKind.DATA_SHARING);
        if (!caller.consentId().equals(consentId)) {
            throw ApiError.forbidden("O token não foi emitido para o consentimento " + consentId + ".");
        }
        requireHeader("x-fapi-customer-ip-address", customerIpAddress, 100);
        requireHeader("x-customer-user-agent", customerUserAgent, 255);
        JsonApi.requireJsonAccepted(accept);
        JsonApi.requireJsonBody(contentType);
        JsonNode json = JsonApi.parse(body);
        spec.requireConsentsRequest("CreateConsentExtensions", json);
        JsonNode data = json.get("data");
        String cpf = document(data.path("loggedUser"), "CPF");
        String cnpj = data.has("businessEntity") ? document(data.get("businessEntity"), "CNPJ") : null;
        SharingConsent consent = consents.extend(consentId, caller.clientId(), cpf, cnpj,
                instant(data.path("expirationDateTime")), customerIpAddress, customerUserAgent);
        return JsonApi.answer(201, SharingSpec.answer(spec.consents(), "ResponseConsentExtensions", SharingViews.answer(
                SharingViews.consent(consent), bank.url(SharingPaths.extendsPath(consentId)))),
                SharingSpec.CONSENTS_VERSION);
    }

    @GET
    @Path("/{consentId}/extensions")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "List a consent's renewals, newest first (client credentials token, scope consents)")
    public Response extensions(@PathParam("consentId") String consentId, @QueryParam("page") String page,
                               @QueryParam("page-size") String pageSize,
                               @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpServerRequest request) {
        Caller caller = access.authorise(request, authorization, Grant.CLIENT_CREDENTIALS, SharingPaths.CONSENTS_SCOPE,
                ConsentKind.DATA_SHARING);
        JsonApi.requireJsonAccepted(accept);
        // the endpoint lists no 422: an oversized page is a bad request here
        Page requested = Page.of(page, pageSize, 400);
        SharingConsent consent = consents.ofClient(consentId, caller.clientId());
        return JsonApi.answer(200, SharingSpec.answer(spec.consents(), "ResponseConsentReadExtensions",
                SharingViews.extensions(consent, requested, bank.url(SharingPaths.extensions(consentId)))),
                SharingSpec.CONSENTS_VERSION);
    }

    /** A document of the body ({@code loggedUser}, {@code businessEntity}) of the type named; 400 for another type. */
    private static String document(JsonNode holder, String rel) {
        JsonNode document = holder.path("document");
        if (!rel.equals(document.path("rel").asText())) {
            throw ApiError.badRequest("PARAMETRO_INVALIDO", "document.rel deve ser " + rel + ".");
        }
        return document.path("identification").asText();
    }

    /** A date-time the schema let through (RFC 3339, UTC); null when absent. */
    private static Instant instant(JsonNode value) {
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }

    private static void requireHeader(String name, String value, int maxLength) {
        if (value == null) {
            throw ApiError.badRequest("PARAMETRO_NAO_INFORMADO", "Cabeçalho " + name + " não informado.");
        }
        if (value.length() > maxLength || !HEADER_VALUE.matcher(value).matches()) {
            throw ApiError.badRequest("PARAMETRO_INVALIDO", "Cabeçalho " + name + " inválido.");
        }
    }
}
