package br.com.ponte.sandbox.token;

import br.com.ponte.sandbox.authorization.AuthorizationCode;
import br.com.ponte.sandbox.authorization.AuthorizationCodes;
import br.com.ponte.sandbox.authorization.AuthorizationRequest;
import br.com.ponte.sandbox.authorization.IdTokens;
import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.client.AuthenticatedClient;
import br.com.ponte.sandbox.client.ClientAuthentication;
import br.com.ponte.sandbox.oauth.DiscoveryResource;
import br.com.ponte.sandbox.oauth.Endpoints;
import br.com.ponte.sandbox.oauth.HttpsOnly;
import br.com.ponte.sandbox.oauth.OAuthError;
import br.com.ponte.sandbox.oauth.Scopes;
import br.com.ponte.sandbox.resource.ConsentLookup;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The token endpoint: mutual TLS and private_key_jwt, then the authorisation code (with PKCE),
 * refresh token (rotated unless the bank turned rotation off for the client) or client credentials grant. Access tokens are bound to the certificate the
 * request came with.
 */
@Path(Endpoints.TOKEN)
@HttpsOnly
@Tag(name = "Authorisation server")
public class TokenResource {

    /** The scopes a token without a user may carry: the payments, consents and resources APIs', and accounts as before. */
    private static final Set<String> CLIENT_CREDENTIALS_SCOPES = Set.of("payments", "consents", "accounts", "resources");

    private final ClientAuthentication authentication;
    private final AuthorizationCodes codes;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final IdTokens idTokens;
    private final ConsentLookup consents;
    private final BrandContext bank;

    public TokenResource(ClientAuthentication authentication, AuthorizationCodes codes, AccessTokens accessTokens,
                         RefreshTokens refreshTokens, IdTokens idTokens, ConsentLookup consents,
                         BrandContext bank) {
        this.authentication = authentication;
        this.codes = codes;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.idTokens = idTokens;
        this.consents = consents;
        this.bank = bank;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange a grant for tokens")
    public Response token(MultivaluedMap<String, String> form, @Context HttpServerRequest request) {
        AuthenticatedClient client = authentication.authenticate(request, form, Endpoints.TOKEN);
        String grantType = form.getFirst("grant_type");
        if (grantType == null) {
            throw OAuthError.invalidRequest("grant_type is required");
        }
        TokenResponse tokens = switch (grantType) {
            case "authorization_code" -> authorizationCode(client, form);
            case "refresh_token" -> refreshToken(client, form);
            case "client_credentials" -> clientCredentials(client, form);
            default -> throw new OAuthError(400, "unsupported_grant_type", "Unsupported grant_type " + grantType);
        };
        return Response.ok(tokens).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    private TokenResponse authorizationCode(AuthenticatedClient client, MultivaluedMap<String, String> form) {
        requireGrant(client, "authorization_code");
        String code = form.getFirst("code");
        String grantId = code == null ? null : AuthorizationCodes.grantOf(code);
        AuthorizationCode grant = codes.redeem(code).orElseThrow(() -> {
            if (codes.replayed(code)) {
                // RFC 6749 4.1.2: a code used twice ends the tokens issued on it
                accessTokens.revokeGrant(grantId);
                refreshTokens.revokeGrant(grantId);
            }
            return OAuthError.invalidGrant("The code is unknown, expired or used");
        });
        AuthorizationRequest request = grant.request();
        if (!request.clientId().equals(client.clientId())) {
            throw OAuthError.invalidGrant("The code was issued to another client");
        }
        if (!request.redirectUri().equals(form.getFirst("redirect_uri"))) {
            throw OAuthError.invalidGrant("redirect_uri differs from the authorisation request's");
        }
        if (!Pkce.matches(form.getFirst("code_verifier"), request.codeChallenge())) {
            throw OAuthError.invalidGrant("code_verifier does not match the code_challenge (PKCE S256)");
        }
        List<String> scopes = List.copyOf(request.scopes());
        Map<String, Object> idTokenClaims = request.claims().forIdToken(grant.user());
        Map<String, Object> userinfo = request.claims().forUserinfo(grant.user());
        String accessToken = accessTokens.issue(client.clientId(), grant.subject(), scopes, client.certificate(), userinfo,
                grantId);
        return new TokenResponse(accessToken, "Bearer", AccessTokens.LIFETIME.toSeconds(),
                refreshTokens.issue(client.clientId(), grant.subject(), scopes, grant.authTime(), idTokenClaims, userinfo,
                        grantId),
                idTokens.forTokenResponse(client.clientId(), grant.subject(), grant.authTime(), request.nonce(),
                        accessToken, idTokenClaims),
                Scopes.format(scopes));
    }

    private TokenResponse refreshToken(AuthenticatedClient client, MultivaluedMap<String, String> form) {
        requireGrant(client, "refresh_token");
        RefreshToken previous = refreshTokens.redeem(form.getFirst("refresh_token"), client.clientId())
                .orElseThrow(() -> OAuthError.invalidGrant("The refresh token is unknown, expired or used"));
        previous.scopes().stream().filter(Scopes::isConsent).map(Scopes::consentId)
                .filter(consentId -> !consents.allowsRefresh(consentId)).findFirst().ifPresent(consentId -> {
                    throw OAuthError.invalidGrant("The consent " + consentId + " no longer allows access");
                });
        Set<String> requested = Scopes.parse(form.getFirst("scope"));
        if (!previous.scopes().containsAll(requested)) {
            throw OAuthError.invalidScope("A refresh may only narrow the scopes: " + previous.scopes());
        }
        List<String> scopes = requested.isEmpty() ? previous.scopes() : List.copyOf(requested);
        String accessToken = accessTokens.issue(client.clientId(), previous.subject(), scopes, client.certificate(),
                previous.userinfo(), previous.grant());
        // without rotation the client keeps using the refresh token it has (RFC 6749 6: a new one is optional)
        String refreshToken = refreshTokens.rotates(client.clientId())
                ? refreshTokens.issue(client.clientId(), previous.subject(), scopes, previous.authTime(),
                previous.idTokenClaims(), previous.userinfo(), previous.grant()) : null;
        return new TokenResponse(accessToken, "Bearer", AccessTokens.LIFETIME.toSeconds(), refreshToken,
                idTokens.forTokenResponse(client.clientId(), previous.subject(), previous.authTime(), null, accessToken,
                        previous.idTokenClaims()),
                Scopes.format(scopes));
    }

    private TokenResponse clientCredentials(AuthenticatedClient client, MultivaluedMap<String, String> form) {
        requireGrant(client, "client_credentials");
        Set<String> scopes = Scopes.parse(form.getFirst("scope"));
        // what a client may ask for without a user: the brand's scopes of the APIs that take such tokens
        List<String> allowed = DiscoveryResource.scopes(bank.brand()).stream().filter(CLIENT_CREDENTIALS_SCOPES::contains)
                .toList();
        if (scopes.isEmpty() || !allowed.containsAll(scopes)
                || !client.client().scopes().containsAll(scopes)) {
            throw OAuthError.invalidScope("scope is required, among " + allowed
                    + " and registered by the client");
        }
        String accessToken = accessTokens.issue(client.clientId(), null, List.copyOf(scopes), client.certificate(), Map.of(), null);
        return new TokenResponse(accessToken, "Bearer", AccessTokens.LIFETIME.toSeconds(), null, null,
                Scopes.format(scopes));
    }

    private static void requireGrant(AuthenticatedClient client, String grantType) {
        if (!client.client().allowsGrant(grantType)) {
            throw new OAuthError(400, "unauthorized_client", "The client did not register grant type " + grantType);
        }
    }
}
