package br.com.ponte.fapi;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;

import java.security.Key;
import java.util.List;

/**
 * Validates the id_token of the hybrid flow (FAPI 1.0 Advanced 5.2.2.1, OIDC 3.3.2.12): PS256
 * signature by a key of the transmitter's JWKS, {@code iss}, {@code aud}, {@code exp}/{@code iat},
 * {@code nonce}, {@code c_hash} of the code, {@code s_hash} of the state, and an accepted {@code acr}.
 */
public final class IdTokens {

    private static final int SKEW_SECONDS = 60;

    private IdTokens() {
    }

    public static JwtClaims validate(String idToken, Transmitter transmitter, JsonWebKeySet transmitterKeys,
                                     String expectedNonce, String code, String state, List<String> acceptedAcr) {
        JwtClaims claims;
        try {
            claims = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setRequireIssuedAt()
                    .setAllowedClockSkewInSeconds(SKEW_SECONDS)
                    .setExpectedIssuer(transmitter.discovery().issuer())
                    .setExpectedAudience(transmitter.clientId())
                    .setVerificationKey(key(idToken, transmitterKeys))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_PSS_USING_SHA256)
                    .build()
                    .processToClaims(idToken);
        } catch (InvalidJwtException e) {
            throw new FapiException(0, "invalid_id_token", JwtFailures.reason(e));
        }
        try {
            require(expectedNonce.equals(claims.getStringClaimValue("nonce")), "nonce does not match");
            if (code != null) {
                require(Pkce.halfOrFullSha256(code, true).equals(claims.getStringClaimValue("c_hash")), "c_hash does not match the code");
            }
            if (state != null) {
                require(Pkce.halfOrFullSha256(state, true).equals(claims.getStringClaimValue("s_hash")), "s_hash does not match the state");
            }
            if (acceptedAcr != null && !acceptedAcr.isEmpty()) {
                require(acceptedAcr.contains(claims.getStringClaimValue("acr")), "acr " + claims.getStringClaimValue("acr") + " is not accepted");
            }
            require(claims.getSubject() != null, "no sub");
        } catch (MalformedClaimException e) {
            throw new FapiException(0, "invalid_id_token", e.getMessage());
        }
        return claims;
    }

    static Key key(String jws, JsonWebKeySet keys) {
        try {
            JsonWebSignature signature = new JsonWebSignature();
            signature.setCompactSerialization(jws);
            var selected = new VerificationJwkSelector().select(signature, keys.getJsonWebKeys());
            if (selected == null) {
                throw new FapiException(0, "invalid_signature", "No key of the transmitter's JWKS matches kid "
                        + signature.getKeyIdHeaderValue());
            }
            return selected.getKey();
        } catch (JoseException e) { // its message may quote the JWT
            throw new FapiException(0, "invalid_signature", "The JWS cannot be read");
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new FapiException(0, "invalid_id_token", problem);
        }
    }
}
