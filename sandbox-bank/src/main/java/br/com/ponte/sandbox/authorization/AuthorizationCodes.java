package br.com.ponte.sandbox.authorization;

import br.com.ponte.sandbox.oauth.Secrets;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/** Authorisation codes: valid 60 seconds, redeemable once. */
@ApplicationScoped
public class AuthorizationCodes {

    private final Expiring<AuthorizationCode> codes = new Expiring<>(Duration.ofSeconds(60));

    public String issue(AuthorizationCode code) {
        String value = Secrets.random();
        codes.put(value, code);
        return value;
    }

    /** The code's grant, used up whether or not the redemption succeeds after this. */
    public Optional<AuthorizationCode> redeem(String code) {
        return codes.take(code);
    }
}
