package br.com.ponte.webhook.domain;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks signatures over {@code id.timestamp.body}: symmetric {@code v1,<base64 HMAC-SHA256>}
 * with a {@code whsec_} secret, or asymmetric {@code v1a,<base64 Ed25519>} with a {@code whsk_} key
 * whose public half ({@code whpk_}) the receiver verifies with. Several signatures (during a secret
 * rotation) are separated by spaces.
 */
public final class WebhookSignature {

    public static final String SECRET_PREFIX = "whsec_";
    public static final String SIGNING_KEY_PREFIX = "whsk_";
    public static final String PUBLIC_KEY_PREFIX = "whpk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An Ed25519 key pair in Standard Webhooks' text form. */
    public record Ed25519Keys(String signingKey, String publicKey) {
    }

    private WebhookSignature() {
    }

    /** A new symmetric secret with a 256-bit key. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    public static Ed25519Keys newEd25519Keys() {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(RANDOM);
        return new Ed25519Keys(SIGNING_KEY_PREFIX + Base64.getEncoder().encodeToString(key.getEncoded()),
                PUBLIC_KEY_PREFIX + Base64.getEncoder().encodeToString(key.generatePublicKey().getEncoded()));
    }

    /** The {@code webhook-signature} header: one signature per secret still signing. */
    public static String header(SigningAlgorithm algorithm, List<String> secrets, String messageId, long timestamp, String body) {
        return secrets.stream().map(secret -> algorithm == SigningAlgorithm.ED25519
                        ? signEd25519(secret, messageId, timestamp, body)
                        : sign(secret, messageId, timestamp, body))
                .collect(Collectors.joining(" "));
    }

    public static String sign(String secret, String messageId, long timestampSeconds, String body) {
        byte[] key = Base64.getDecoder().decode(strip(secret, SECRET_PREFIX));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal(content(messageId, timestampSeconds, body));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String signEd25519(String signingKey, String messageId, long timestampSeconds, String body) {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(
                Base64.getDecoder().decode(strip(signingKey, SIGNING_KEY_PREFIX)), 0);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        byte[] content = content(messageId, timestampSeconds, body);
        signer.update(content, 0, content.length);
        return "v1a," + Base64.getEncoder().encodeToString(signer.generateSignature());
    }

    private static byte[] content(String messageId, long timestampSeconds, String body) {
        return (messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
    }

    private static String strip(String value, String prefix) {
        return value.startsWith(prefix) ? value.substring(prefix.length()) : value;
    }
}
