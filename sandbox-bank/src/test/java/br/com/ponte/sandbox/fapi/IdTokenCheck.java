package br.com.ponte.sandbox.fapi;

import br.com.ponte.sandbox.brand.Brand;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/** An id_token checked as a relying party must (OpenID Connect Core 3.1.3.7, 3.3.2.11). */
final class IdTokenCheck {

    private IdTokenCheck() {
    }

    /** The claims, once signature (PS256, a key of the bank's JWKS), issuer, audience and times are right. */
    static JwtClaims verify(String idToken, String clientId) throws Exception {
        return verify(idToken, clientId, Brand.SANDBOX);
    }

    /** As {@link #verify(String, String)}, for an id_token of that brand. */
    static JwtClaims verify(String idToken, String clientId, Brand brand) throws Exception {
        JsonWebKeySet keys = DirectoryIT.jwks(Sandbox.bank(brand, "/jwks"));
        return new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "PS256")
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
                .setExpectedIssuer(Sandbox.issuer(brand))
                .setExpectedAudience(clientId)
                .setRequireSubject()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setMaxFutureValidityInMinutes(60)
                .build()
                .processToClaims(idToken);
    }

    /** OIDC's c_hash, s_hash, at_hash for PS256: the left half of the SHA-256, base64url. */
    static String leftHalfHash(String value) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }
}
