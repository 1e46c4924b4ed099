package br.com.ponte.kit.security;

import br.com.ponte.kit.api.ApiException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates the platform services that call a service's {@code /internal/*} API: HTTP Basic with
 * the caller's name and secret, checked against the SHA-256 of the secret configured for that name in
 * {@code ponte.internal-clients} ({@code <service>:<sha256 hex>} entries, env
 * {@code PONTE_INTERNAL_CLIENTS}). The called service never holds the secrets themselves; they are
 * 256-bit random values, so a plain hash suffices.
 * The comparison is constant-time, and an unknown name costs the same as a wrong secret.
 */
@ApplicationScoped
public class InternalCallers {

    private static final byte[] NOBODY = new byte[32];

    private final Map<String, byte[]> hashes;

    public InternalCallers(@ConfigProperty(name = "ponte.internal-clients") Optional<List<String>> entries) {
        Map<String, byte[]> configured = new java.util.HashMap<>();
        for (String entry : entries.orElse(List.of())) {
            int colon = entry.indexOf(':');
            if (colon < 1) {
                throw new IllegalStateException("ponte.internal-clients: expected <service>:<sha256 hex>, got an entry without ':'");
            }
            configured.put(entry.substring(0, colon).trim(), HexFormat.of().parseHex(entry.substring(colon + 1).trim().toLowerCase()));
        }
        this.hashes = Map.copyOf(configured);
    }

    /** The calling service's name; 401 for anything else. */
    public String authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw ApiException.unauthorized("Internal API: service credentials required (Basic)");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("Internal API: malformed credentials");
        }
        int colon = decoded.indexOf(':');
        String name = colon < 0 ? decoded : decoded.substring(0, colon);
        String secret = colon < 0 ? "" : decoded.substring(colon + 1);
        byte[] expected = hashes.getOrDefault(name, NOBODY);
        boolean valid = MessageDigest.isEqual(sha256(secret), expected) && hashes.containsKey(name);
        if (!valid) {
            throw ApiException.unauthorized("Internal API: unknown service or wrong secret");
        }
        return name;
    }

    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
