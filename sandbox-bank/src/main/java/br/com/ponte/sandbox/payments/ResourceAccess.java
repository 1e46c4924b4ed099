package br.com.ponte.sandbox.payments;

import br.com.ponte.sandbox.client.ClientRegistrations;
import br.com.ponte.sandbox.client.RegisteredClient;
import br.com.ponte.sandbox.oauth.Scopes;
import br.com.ponte.sandbox.pki.ClientCertificate;
import br.com.ponte.sandbox.token.AccessToken;
import br.com.ponte.sandbox.token.AccessTokens;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The resource server's check of a payments API call: mutual TLS with the certificate the access
 * token is bound to (RFC 8705), a valid token of the right grant with scope {@code payments}, then
 * the client's rate limit. Consents, reads and cancellations take client credentials tokens;
 * payments a token of the user's authorisation of one consent ({@code consent:<id>}).
 */
@ApplicationScoped
public class ResourceAccess {

    enum Grant {
        CLIENT_CREDENTIALS, AUTHORIZATION_CODE
    }

    private final AccessTokens tokens;
    private final ClientRegistrations registrations;
    private final RateLimiter rateLimiter;
    private final CallContext call;

    public ResourceAccess(AccessTokens tokens, ClientRegistrations registrations, RateLimiter rateLimiter,
                          CallContext call) {
        this.tokens = tokens;
        this.registrations = registrations;
        this.rateLimiter = rateLimiter;
        this.call = call;
    }

    Caller authorise(HttpServerRequest request, String authorization, Grant grant) {
        ClientCertificate certificate = ClientCertificate.of(request)
                .orElseThrow(() -> PaymentsError.unauthorized("Certificado de cliente (mTLS) obrigatório."));
        String value = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
        AccessToken token = tokens.verify(value, certificate)
                .orElseThrow(() -> PaymentsError.unauthorized(
                        "Access token ausente, inválido, expirado ou de outro certificado."));
        RegisteredClient client = registrations.find(token.clientId())
                .orElseThrow(() -> PaymentsError.unauthorized("Cliente não registrado."));
        boolean userToken = token.subject() != null;
        if (userToken != (grant == Grant.AUTHORIZATION_CODE)) {
            throw PaymentsError.forbidden(grant == Grant.AUTHORIZATION_CODE
                    ? "Este endpoint exige um token authorization_code."
                    : "Este endpoint exige um token client_credentials.");
        }
        if (!token.scopes().contains("payments")) {
            throw PaymentsError.forbidden("O token não tem o escopo payments.");
        }
        rateLimiter.acquire(client.clientId());
        call.clientOrganisationId(client.organisationId());
        return new Caller(client, token);
    }

    /** The consent an authorisation code token was issued for ({@code consent:<id>}). */
    static Optional<String> consentOf(AccessToken token) {
        return token.scopes().stream().filter(Scopes::isConsent).map(Scopes::consentId).findFirst();
    }
}
