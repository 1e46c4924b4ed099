package br.com.ponte.sandbox.resource;

import br.com.ponte.sandbox.client.ClientRegistrations;
import br.com.ponte.sandbox.client.RegisteredClient;
import br.com.ponte.sandbox.oauth.Bearer;
import br.com.ponte.sandbox.oauth.Scopes;
import br.com.ponte.sandbox.pki.ClientCertificate;
import br.com.ponte.sandbox.token.AccessToken;
import br.com.ponte.sandbox.token.AccessTokens;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The resource server's check of an Open Finance API call, whatever the API: mutual TLS with the
 * certificate the access token is bound to (RFC 8705), a valid token of the grant the endpoint
 * takes, with the scope it needs; a token of the user's authorisation must name
 * ({@code consent:<id>}) one of the client's consents of the kind the API serves. Then the
 * client's rate limit. What is established is kept in the {@link CallContext} for the answer.
 */
@ApplicationScoped
public class ResourceAccess {

    /** The grant an endpoint takes tokens of: client credentials, or the user's authorisation (authorisation code). */
    public enum Grant {
        CLIENT_CREDENTIALS, AUTHORIZATION_CODE
    }

    private final AccessTokens tokens;
    private final ClientRegistrations registrations;
    private final ConsentLookup consents;
    private final RateLimiter rateLimiter;
    private final CallContext call;

    public ResourceAccess(AccessTokens tokens, ClientRegistrations registrations, ConsentLookup consents,
                          RateLimiter rateLimiter, CallContext call) {
        this.tokens = tokens;
        this.registrations = registrations;
        this.consents = consents;
        this.rateLimiter = rateLimiter;
        this.call = call;
    }

    /**
     * The caller, when the request may call an endpoint that takes tokens of {@code grant} with
     * {@code scope}, at an API serving consents of {@code kind}: 401 without the certificate or a
     * valid token bound to it, 403 for a token of another grant, without the scope, or naming no
     * consent of that kind of the client's.
     */
    public Caller authorise(HttpServerRequest request, String authorization, Grant grant, String scope,
                            ConsentKind kind) {
        ClientCertificate certificate = ClientCertificate.of(request)
                .orElseThrow(() -> ApiError.unauthorized("Certificado de cliente (mTLS) obrigatório."));
        AccessToken token = tokens.verify(Bearer.token(authorization), certificate)
                .orElseThrow(() -> ApiError.unauthorized(
                        "Access token ausente, inválido, expirado ou de outro certificado."));
        RegisteredClient client = registrations.find(token.clientId())
                .orElseThrow(() -> ApiError.unauthorized("Cliente não registrado."));
        boolean userToken = token.subject() != null;
        if (userToken != (grant == Grant.AUTHORIZATION_CODE)) {
            throw ApiError.forbidden(grant == Grant.AUTHORIZATION_CODE
                    ? "Este endpoint exige um token authorization_code."
                    : "Este endpoint exige um token client_credentials.");
        }
        if (!token.scopes().contains(scope)) {
            throw ApiError.forbidden("O token não tem o escopo " + scope + ".");
        }
        String consentId = userToken ? consentOf(token, client, kind) : null;
        rateLimiter.acquire(client.clientId());
        if (kind.signedBodies()) {
            call.signedAnswersFor(client.organisationId());
        }
        return new Caller(client, token, consentId);
    }

    /** The consent a user token was issued for ({@code consent:<id>}), when it is one of the client's of that kind. */
    private String consentOf(AccessToken token, RegisteredClient client, ConsentKind kind) {
        String consentId = token.scopes().stream().filter(Scopes::isConsent).map(Scopes::consentId).findFirst()
                .orElseThrow(() -> ApiError.forbidden("O token não foi emitido para um consentimento (consent:<id>)."));
        if (consents.kindOf(consentId, client.clientId()).filter(kind::equals).isEmpty()) {
            throw ApiError.forbidden("Consentimento " + consentId + " não encontrado.");
        }
        return consentId;
    }
}
