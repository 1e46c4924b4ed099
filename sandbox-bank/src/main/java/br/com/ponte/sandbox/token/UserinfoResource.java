package br.com.ponte.sandbox.token;

import br.com.ponte.sandbox.oauth.Bearer;
import br.com.ponte.sandbox.oauth.Endpoints;
import br.com.ponte.sandbox.oauth.HttpsOnly;
import br.com.ponte.sandbox.oauth.OAuthErrorMapper;
import br.com.ponte.sandbox.pki.ClientCertificate;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The userinfo endpoint (OpenID Connect Core 5.3, fapi-id3 5.2.2-8), over mutual TLS (it is its own
 * mTLS alias): a user's access token ({@code openid} scope, bound to the certificate of the call, RFC
 * 8705) answers {@code sub} and the identity claims the request's claims parameter asked for at
 * userinfo ({@code cpf}, {@code cnpj}). Anything else is 401 with {@code WWW-Authenticate: Bearer
 * error="invalid_token"} (RFC 6750 3.1); a token without {@code openid}, 403 {@code insufficient_scope}.
 */
@Path(Endpoints.USERINFO)
@HttpsOnly
@Tag(name = "Authorisation server")
@Produces(MediaType.APPLICATION_JSON)
public class UserinfoResource {

    private final AccessTokens tokens;

    public UserinfoResource(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @GET
    @Operation(summary = "The user's claims for an access token (OpenID Connect Core 5.3)")
    public Response read(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context HttpServerRequest request) {
        Optional<AccessToken> token = ClientCertificate.of(request)
                .flatMap(certificate -> tokens.verify(Bearer.token(authorization), certificate));
        if (token.isEmpty() || token.get().subject() == null) {
            return refused(401, "invalid_token", "A valid access token of a user, bound to this call's certificate, is required");
        }
        if (!token.get().scopes().contains("openid")) {
            return refused(403, "insufficient_scope", "The access token was not granted openid");
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", token.get().subject());
        claims.putAll(token.get().userinfo());
        return Response.ok(claims).header("Cache-Control", "no-store").build();
    }

    @POST
    @Operation(summary = "The same as GET (OpenID Connect Core 5.3.1)")
    public Response readByPost(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @Context HttpServerRequest request) {
        return read(authorization, request);
    }

    private static Response refused(int status, String error, String description) {
        return Response.status(status)
                .header("WWW-Authenticate", "Bearer error=\"" + error + "\"")
                .header("Cache-Control", "no-store")
                .type(MediaType.APPLICATION_JSON)
                .entity(new OAuthErrorMapper.Body(error, description))
                .build();
    }
}
