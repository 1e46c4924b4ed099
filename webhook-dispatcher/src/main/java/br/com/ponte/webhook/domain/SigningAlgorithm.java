package br.com.ponte.webhook.domain;

/** Standard Webhooks signature schemes: symmetric {@code v1} (HMAC-SHA256) and asymmetric {@code v1a} (Ed25519). */
public enum SigningAlgorithm {
    HMAC("v1"),
    ED25519("v1a");

    private final String version;

    SigningAlgorithm(String version) {
        this.version = version;
    }

    /** The prefix of each signature in {@code webhook-signature}. */
    public String version() {
        return version;
    }

    public static SigningAlgorithm fromApi(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("hmac") || value.equalsIgnoreCase("hmac-sha256")) {
            return HMAC;
        }
        if (value.equalsIgnoreCase("ed25519")) {
            return ED25519;
        }
        throw new IllegalArgumentException(value);
    }
}
