package br.com.ponte.sandbox.token;

import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.brand.BrandTables;
import br.com.ponte.sandbox.client.ClientDeleted;
import br.com.ponte.sandbox.oauth.Secrets;
import br.com.ponte.sandbox.pki.ClientCertificate;
import br.com.ponte.sandbox.store.SandboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Access tokens: opaque, 900 seconds (fapi-id3 5.2.2-13 allows 300 to 900), bound to the client
 * certificate they were requested with (RFC 8705 section 3). Each brand keeps its own: a token is
 * unknown at the brand that did not issue it.
 */
@ApplicationScoped
public class AccessTokens {

    static final Duration LIFETIME = Duration.ofSeconds(900);

    private final BrandTables<AccessToken> tokens;

    public AccessTokens(SandboxStore store, BrandContext bank) {
        this.tokens = new BrandTables<>(store, bank, "accessTokens", AccessToken.class);
    }

    /** A new token; answers its value, which is not kept. */
    public String issue(String clientId, String subject, List<String> scopes, ClientCertificate certificate,
                        Map<String, Object> userinfo, String grant) {
        tokens.current().removeIf(AccessToken::expired);
        String value = Secrets.random();
        tokens.current().put(Secrets.hash(value), new AccessToken(clientId, subject, List.copyOf(scopes),
                certificate.thumbprint(), Instant.now().plus(LIFETIME), userinfo, grant));
        return value;
    }

    /**
     * The token a resource request presents, when it is valid and the request came with the
     * certificate it is bound to: the check a resource server makes (RFC 8705 section 3).
     */
    public Optional<AccessToken> verify(String value, ClientCertificate presented) {
        return Optional.ofNullable(value).flatMap(token -> tokens.current().find(Secrets.hash(token)))
                .filter(token -> !token.expired())
                .filter(token -> Secrets.same(token.certificateThumbprint(), presented.thumbprint()));
    }

    /** Ends every token of the grant (its code was used twice). */
    public void revokeGrant(String grant) {
        tokens.current().removeIf(token -> grant.equals(token.grant()));
    }

    void revoke(@Observes ClientDeleted deleted) {
        tokens.current().removeIf(token -> token.clientId().equals(deleted.clientId()));
    }
}
