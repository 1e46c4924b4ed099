package br.com.ponte.fapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** RFC 7636 proof key, S256. */
public record Pkce(String verifier, String challenge) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static Pkce create() {
        String verifier = random(32);
        return new Pkce(verifier, halfOrFullSha256(verifier, false));
    }

    static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** base64url of SHA-256 (full, for PKCE) or of its left half (OIDC {@code c_hash}/{@code s_hash} for PS256). */
    static String halfOrFullSha256(String value, boolean leftHalf) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            byte[] used = leftHalf ? java.util.Arrays.copyOf(digest, digest.length / 2) : digest;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(used);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
