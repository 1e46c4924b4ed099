package br.com.ponte.fapi;

import org.jose4j.jwk.RsaJsonWebKey;

import java.security.interfaces.RSAPublicKey;

/** Key ids as Open Finance Brasil's directory publishes them. */
public final class Jwks {

    private Jwks() {
    }

    /** RFC 7638 SHA-256 JWK thumbprint, base64url: the {@code kid} of a key in a software statement's JWKS. */
    public static String thumbprint(RSAPublicKey key) {
        return new RsaJsonWebKey(key).calculateBase64urlEncodedThumbprint("SHA-256");
    }
}
