package br.com.ponte.sandbox.token;

import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.brand.BrandTables;
import br.com.ponte.sandbox.client.ClientDeleted;
import br.com.ponte.sandbox.oauth.Secrets;
import br.com.ponte.sandbox.store.SandboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Refresh tokens, rotated: each use answers a new one and ends the old one, so a refresh token that
 * comes back a second time is refused. Each brand keeps its own.
 */
@ApplicationScoped
public class RefreshTokens {

    /** As long as the longest consent may last. */
    static final Duration LIFETIME = Duration.ofDays(365);

    private final BrandTables<RefreshToken> tokens;

    public RefreshTokens(SandboxStore store, BrandContext bank) {
        this.tokens = new BrandTables<>(store, bank, "refreshTokens", RefreshToken.class);
    }

    /** A new token; answers its value, which is not kept. */
    public String issue(String clientId, String subject, List<String> scopes, Instant authTime) {
        tokens.current().removeIf(RefreshToken::expired);
        String value = Secrets.random();
        tokens.current().put(Secrets.hash(value), new RefreshToken(clientId, subject, List.copyOf(scopes), authTime,
                Instant.now().plus(LIFETIME)));
        return value;
    }

    /** The client's valid token, used up. A token of another client is left alone. */
    public Optional<RefreshToken> redeem(String value, String clientId) {
        if (value == null) {
            return Optional.empty();
        }
        String id = Secrets.hash(value);
        if (tokens.current().find(id).filter(token -> token.clientId().equals(clientId)).isEmpty()) {
            return Optional.empty();
        }
        return tokens.current().take(id).filter(token -> !token.expired());
    }

    void revoke(@Observes ClientDeleted deleted) {
        tokens.current().removeIf(token -> token.clientId().equals(deleted.clientId()));
    }
}
