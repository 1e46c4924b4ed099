package br.com.ponte.fapi;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A JARM authorisation response (the {@code response} parameter of the bank's redirect), checked as JARM
 * 2.4 says before anything in it is used: PS256 signature by a key of the transmitter's JWKS, {@code iss}
 * the transmitter's issuer, {@code aud} the client, {@code exp} not passed (60 s of skew) and at most
 * {@link #MAX_LIFETIME_MINUTES} ahead. Its parameters ({@code code}, {@code state}, {@code error}, ...)
 * are then those of a plain response. A forged, stale or foreign one is {@code invalid_authorization_response}.
 */
public final class AuthorizationResponses {

    /** JARM 2.1 wants short-lived responses; the conformance suite accepts up to 10 minutes. */
    static final int MAX_LIFETIME_MINUTES = 10;
    private static final int SKEW_SECONDS = 60;
    private static final Set<String> ENVELOPE = Set.of("iss", "aud", "exp", "iat", "nbf", "jti");

    private AuthorizationResponses() {
    }

    /** The response's parameters, once its signature and claims are right. */
    public static Map<String, String> validate(String response, Transmitter transmitter, JsonWebKeySet transmitterKeys) {
        JwtClaims claims;
        try {
            claims = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setMaxFutureValidityInMinutes(MAX_LIFETIME_MINUTES)
                    .setAllowedClockSkewInSeconds(SKEW_SECONDS)
                    .setExpectedIssuer(transmitter.discovery().issuer())
                    .setExpectedAudience(transmitter.clientId())
                    .setVerificationKey(IdTokens.key(response, transmitterKeys))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_PSS_USING_SHA256)
                    .build()
                    .processToClaims(response);
        } catch (InvalidJwtException e) {
            throw invalid(JwtFailures.reason(e));
        } catch (FapiException e) {
            throw invalid(e.error());
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String name : claims.getClaimNames()) {
            if (!ENVELOPE.contains(name)) {
                Object value = claims.getClaimValue(name);
                if (!(value instanceof String text)) {
                    throw invalid(name + " is not a string");
                }
                parameters.put(name, text);
            }
        }
        return parameters;
    }

    /**
     * The {@code state} inside a response, read without checking it: only to find which authorisation
     * (and so which transmitter's keys) the response must be checked against; null when unreadable.
     */
    public static String unverifiedState(String response) {
        try {
            JwtClaims claims = new JwtConsumerBuilder()
                    .setSkipSignatureVerification()
                    .setSkipAllValidators()
                    .build()
                    .processToClaims(response);
            return claims.getStringClaimValue("state");
        } catch (InvalidJwtException | MalformedClaimException e) {
            return null;
        }
    }

    private static FapiException invalid(String problem) {
        return new FapiException(0, "invalid_authorization_response", problem);
    }
}
