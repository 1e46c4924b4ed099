package br.com.ponte.fapi;

import io.smallrye.mutiny.Uni;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;

/** Signs PS256 with a key held in this process. */
public final class LocalJwsSigner implements JwsSigner {

    private final PrivateKey privateKey;
    private final String kid;

    public LocalJwsSigner(PrivateKey privateKey, RSAPublicKey publicKey) {
        this.privateKey = privateKey;
        this.kid = Jwks.thumbprint(publicKey);
    }

    public String kid() {
        return kid;
    }

    @Override
    public Uni<String> sign(Map<String, Object> claims, String type) {
        return Uni.createFrom().item(() -> signNow(claims, type));
    }

    public String signNow(Map<String, Object> claims, String type) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(Json.write(claims));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_PSS_USING_SHA256);
        jws.setKeyIdHeaderValue(kid);
        if (type != null) {
            jws.setHeader("typ", type);
        }
        jws.setKey(privateKey);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Signing failed", e);
        }
    }
}
