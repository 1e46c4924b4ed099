package br.com.ponte.sandbox.token;

import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.brand.BrandTables;
import br.com.ponte.sandbox.client.ClientDeleted;
import br.com.ponte.sandbox.oauth.Secrets;
import br.com.ponte.sandbox.store.SandboxStore;
import br.com.ponte.sandbox.store.Table;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refresh tokens, rotated by default: each use answers a new one and ends the old one, so a refresh
 * token that comes back a second time is refused. The bank may turn rotation off for a client
 * (fapi-id3 5.2.2-17): its refresh tokens then serve until they expire and a refresh answers none.
 * Each brand keeps its own tokens; the clients without rotation are kept by client id, unique across
 * brands.
 */
@ApplicationScoped
public class RefreshTokens {

    /** As long as the longest consent may last. */
    static final Duration LIFETIME = Duration.ofDays(365);

    private final BrandTables<RefreshToken> tokens;
    private final Table<WithoutRotation> withoutRotation;

    /** A client whose refresh tokens do not rotate, since when. */
    public record WithoutRotation(Instant since) {
    }

    public RefreshTokens(SandboxStore store, BrandContext bank) {
        this.tokens = new BrandTables<>(store, bank, "refreshTokens", RefreshToken.class);
        this.withoutRotation = store.table("refreshTokensWithoutRotation", WithoutRotation.class);
    }

    public boolean rotates(String clientId) {
        return withoutRotation.find(clientId).isEmpty();
    }

    public void setRotation(String clientId, boolean rotate) {
        if (rotate) {
            withoutRotation.take(clientId);
        } else {
            withoutRotation.put(clientId, new WithoutRotation(Instant.now()));
        }
    }

    /** A new token; answers its value, which is not kept. */
    public String issue(String clientId, String subject, List<String> scopes, Instant authTime,
                        Map<String, Object> idTokenClaims, Map<String, Object> userinfo, String grant) {
        tokens.current().removeIf(RefreshToken::expired);
        String value = Secrets.random();
        tokens.current().put(Secrets.hash(value), new RefreshToken(clientId, subject, List.copyOf(scopes), authTime,
                Instant.now().plus(LIFETIME), idTokenClaims, userinfo, grant));
        return value;
    }

    /**
     * The client's valid token, used up when the client's tokens rotate, kept otherwise. A token of
     * another client is left alone.
     */
    public Optional<RefreshToken> redeem(String value, String clientId) {
        if (value == null) {
            return Optional.empty();
        }
        String id = Secrets.hash(value);
        Optional<RefreshToken> found = tokens.current().find(id).filter(token -> token.clientId().equals(clientId));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return (rotates(clientId) ? tokens.current().take(id) : found).filter(token -> !token.expired());
    }

    /** Ends every token of the grant (its code was used twice). */
    public void revokeGrant(String grant) {
        tokens.current().removeIf(token -> grant.equals(token.grant()));
    }

    void revoke(@Observes ClientDeleted deleted) {
        tokens.current().removeIf(token -> token.clientId().equals(deleted.clientId()));
        withoutRotation.take(deleted.clientId());
    }
}
