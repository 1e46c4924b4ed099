package br.com.ponte.sandbox.pki;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.HashUtil;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/** JSON Web Keys as the directory and the bank publish them. */
public final class Jwks {

    private Jwks() {
    }

    /**
     * The RFC 7638 SHA-256 thumbprint of the key, base64url: the {@code kid} the Open Finance Brasil
     * directory gives every key, so a verifier can recompute it from the key itself.
     */
    public static String thumbprint(PublicKey key) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(key).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
        } catch (JoseException e) {
            throw new IllegalArgumentException("Not a key a JWK can hold", e);
        }
    }

    /**
     * The public JWK of a certificate's key: {@code kid} (thumbprint), {@code use}, {@code x5c} (the
     * chain, leaf first) and, for signing keys, {@code alg} PS256.
     */
    public static Map<String, Object> publicJwk(List<X509Certificate> chain, String use) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(chain.get(0).getPublicKey());
            jwk.setKeyId(thumbprint(chain.get(0).getPublicKey()));
            jwk.setUse(use);
            if ("sig".equals(use)) {
                jwk.setAlgorithm(AlgorithmIdentifiers.RSA_PSS_USING_SHA256);
            }
            jwk.setCertificateChain(chain);
            return jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            throw new IllegalArgumentException("Not a key a JWK can hold", e);
        }
    }

    /**
     * Finds the verification key by the JWS's {@code kid}; a JWS without one, or naming a key that is
     * not there, is not verified.
     */
    public static VerificationKeyResolver resolver(Map<String, PublicKey> keys) {
        return (jws, nestingContext) -> {
            PublicKey key = keys.get(jws.getKeyIdHeaderValue());
            if (key == null) {
                throw new UnresolvableKeyException("No key with kid " + jws.getKeyIdHeaderValue());
            }
            return key;
        };
    }

    /** A JWK Set document. */
    public static Map<String, Object> set(List<Map<String, Object>> keys) {
        return Map.of("keys", keys);
    }
}
