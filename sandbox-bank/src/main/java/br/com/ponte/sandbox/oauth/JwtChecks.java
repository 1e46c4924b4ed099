package br.com.ponte.sandbox.oauth;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.util.Optional;

/** What the JWT checks of the authorisation server share. */
public final class JwtChecks {

    /** fapi-id3 section 6.1-8: clocks may differ by up to 60 seconds either way. */
    public static final int CLOCK_SKEW_SECONDS = 60;

    private JwtChecks() {
    }

    /**
     * The claims of a JWT, read without checking anything: only to find out who claims to have sent
     * it, and so which keys to verify it with.
     */
    public static Optional<JwtClaims> unverifiedClaims(String jwt) {
        try {
            return Optional.of(new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                    .setSkipSignatureVerification().build().processToClaims(jwt));
        } catch (InvalidJwtException e) {
            return Optional.empty();
        }
    }

    /** Why a JWT was refused, in one line. */
    public static String reason(InvalidJwtException failure) {
        return failure.getErrorDetails().isEmpty() ? failure.getMessage()
                : failure.getErrorDetails().stream().map(Object::toString).reduce((a, b) -> a + "; " + b).orElse("");
    }
}
