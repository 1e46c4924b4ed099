package br.com.ponte.fapi;

import io.smallrye.mutiny.Uni;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The signed {@code application/jwt} bodies of the payments APIs (payments v4, "Assinatura"):
 * requests are signed PS256 by the initiator with {@code aud} = the transmitter's organisation id,
 * {@code iss} = the initiator's organisation id, a unique {@code jti} and {@code iat}; responses are
 * checked the same way the other way round, with {@code iat} within 60 seconds of now.
 */
public final class SignedBodies {

    private static final long IAT_WINDOW_SECONDS = 60;

    private SignedBodies() {
    }

    public static Uni<String> sign(JwsSigner signer, Map<String, Object> body, String initiatorOrganisationId,
                                   String transmitterOrganisationId) {
        Map<String, Object> claims = new LinkedHashMap<>(body);
        claims.put("aud", transmitterOrganisationId);
        claims.put("iss", initiatorOrganisationId);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", Instant.now().getEpochSecond());
        return signer.sign(claims, "JWT");
    }

    /** The claims of a transmitter's signed response, after checking signature, iss, aud, jti and iat. */
    public static JwtClaims verify(String jwt, JsonWebKeySet transmitterKeys, String transmitterOrganisationId,
                                   String initiatorOrganisationId, Instant now) {
        try {
            JwtClaims claims = new JwtConsumerBuilder()
                    .setExpectedIssuer(transmitterOrganisationId)
                    .setExpectedAudience(initiatorOrganisationId)
                    .setRequireJwtId()
                    .setRequireIssuedAt()
                    .setEvaluationTime(NumericDate.fromSeconds(now.getEpochSecond()))
                    .setVerificationKey(IdTokens.key(jwt, transmitterKeys))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_PSS_USING_SHA256)
                    .build()
                    .processToClaims(jwt);
            long iat = claims.getIssuedAt().getValue();
            if (Math.abs(now.getEpochSecond() - iat) > IAT_WINDOW_SECONDS) {
                throw new FapiException(0, "invalid_signed_response", "iat is " + (now.getEpochSecond() - iat)
                        + " s away from now (at most 60 s)");
            }
            return claims;
        } catch (InvalidJwtException e) {
            throw new FapiException(0, "invalid_signed_response", JwtFailures.reason(e));
        } catch (MalformedClaimException e) {
            throw new FapiException(0, "invalid_signed_response", e.getMessage());
        }
    }
}
