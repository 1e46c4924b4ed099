package br.com.ponte.sandbox.pki;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * A key the sandbox signs with (the bank's id_tokens, the directory's software statements): PS256,
 * the only JWS algorithm the Brazil profile allows, with the key's thumbprint as {@code kid}.
 */
public final class SigningKey {

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final String kid;

    public SigningKey(PrivateKey privateKey, List<X509Certificate> chain) {
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
        this.kid = Jwks.thumbprint(chain.get(0).getPublicKey());
    }

    public String kid() {
        return kid;
    }

    public PublicKey publicKey() {
        return chain.get(0).getPublicKey();
    }

    /** A compact JWS of the claims: {@code alg} PS256, {@code kid}, {@code typ} JWT. */
    public String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_PSS_USING_SHA256);
        jws.setKeyIdHeaderValue(kid);
        jws.setHeader("typ", "JWT");
        jws.setKey(privateKey);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Signing failed", e);
        }
    }

    /** The public JWK, for a JWKS document. */
    public Map<String, Object> publicJwk() {
        return Jwks.publicJwk(chain, "sig");
    }
}
