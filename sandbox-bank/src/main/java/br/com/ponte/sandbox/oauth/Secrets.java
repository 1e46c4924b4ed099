package br.com.ponte.sandbox.oauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/** Random values, and the hashes tokens are stored and compared as. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {
    }

    /** 256 random bits, base64url: codes, tokens, ids nobody may guess. */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /**
     * SHA-256 of the value, base64url. Tokens are stored by this hash only, so the state file does
     * not hold usable credentials; it is also PKCE's S256 transformation.
     */
    public static String hash(String value) {
        return BASE64URL.encodeToString(sha256(value));
    }

    /**
     * The left half of the SHA-256 of the value, base64url: OIDC's {@code c_hash}, {@code s_hash}
     * and {@code at_hash} for PS256-signed id_tokens.
     */
    public static String leftHalfHash(String value) {
        byte[] digest = sha256(value);
        return BASE64URL.encodeToString(Arrays.copyOf(digest, digest.length / 2));
    }

    /** Compares two secrets in time independent of where they differ. */
    public static boolean same(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
