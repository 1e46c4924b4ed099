package br.com.ponte.consent.dashboard;

import br.com.ponte.consent.config.ConsentConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The dashboard's secrets, none of them stored: a link's token is the HMAC of its id under a key
 * derived from {@code ponte.consent.master-key} (so a replay of the partner's request recomputes the
 * same URL), a session's token is random, and the CSRF token of a session's forms is the HMAC of the
 * session's hash under another derived key. The database holds SHA-256 hashes of the tokens only.
 */
@ApplicationScoped
public class DashboardKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private final byte[] linkKey;
    private final byte[] csrfKey;

    public DashboardKeys(ConsentConfig config) {
        byte[] master = Base64.getDecoder().decode(config.masterKey());
        this.linkKey = hmac(master, "ponte-consent dashboard-link-token v1");
        this.csrfKey = hmac(master, "ponte-consent dashboard-csrf v1");
    }

    /** The token of link {@code linkId}: 256 bits, URL-safe. */
    public String linkToken(UUID linkId) {
        return URL_SAFE.encodeToString(hmac(linkKey, linkId.toString()));
    }

    /** A new session token: 256 random bits, URL-safe. */
    public String newSessionToken() {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return URL_SAFE.encodeToString(token);
    }

    /** The CSRF token of the forms of the session whose hash is {@code sessionHash}. */
    public String csrf(String sessionHash) {
        return URL_SAFE.encodeToString(hmac(csrfKey, sessionHash));
    }

    /** Whether {@code sent} is the CSRF token of that session (compared in constant time). */
    public boolean validCsrf(String sessionHash, String sent) {
        return sent != null && MessageDigest.isEqual(csrf(sessionHash).getBytes(StandardCharsets.US_ASCII),
                sent.getBytes(StandardCharsets.US_ASCII));
    }

    /** SHA-256 (hex) of a token, as stored. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
