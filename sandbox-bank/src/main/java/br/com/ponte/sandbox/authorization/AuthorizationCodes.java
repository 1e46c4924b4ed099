package br.com.ponte.sandbox.authorization;

import br.com.ponte.sandbox.oauth.Secrets;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * Authorisation codes: valid 60 seconds, redeemable once. A redeemed code is remembered ten minutes, so
 * that its second use can end what the first one gave (RFC 6749 4.1.2: the server should revoke the
 * tokens issued on a code used twice); those tokens carry {@link #grantOf the code's grant}.
 */
@ApplicationScoped
public class AuthorizationCodes {

    private final Expiring<AuthorizationCode> codes = new Expiring<>(Duration.ofSeconds(60));
    private final Expiring<Boolean> redeemed = new Expiring<>(Duration.ofMinutes(10));

    public String issue(AuthorizationCode code) {
        String value = Secrets.random();
        codes.put(value, code);
        return value;
    }

    /** The code's grant, used up whether or not the redemption succeeds after this. */
    public Optional<AuthorizationCode> redeem(String code) {
        Optional<AuthorizationCode> found = codes.take(code);
        found.ifPresent(ignored -> redeemed.put(grantOf(code), true));
        return found;
    }

    /** Whether this code was redeemed already (in the last ten minutes): presented again, it is a replay. */
    public boolean replayed(String code) {
        return code != null && redeemed.peek(grantOf(code)).isPresent();
    }

    /** The grant a code starts: what the tokens issued on it, and refreshed from them, are revoked by. */
    public static String grantOf(String code) {
        return Secrets.hash(code);
    }
}
