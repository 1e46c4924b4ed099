package br.com.ponte.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The local stack's secrets, made on first start and kept in the data directory (mode 600) so data
 * sealed under them stays readable across restarts. Never committed: the data directory is ignored.
 */
public record StackSecrets(String adminToken, String vaultMasterKey, String webhookMasterKey, String consentMasterKey,
                           java.util.Map<String, String> serviceSecrets) {

    /** The platform services that call certificate-vault's internal API, each with its own secret. */
    static final java.util.List<String> VAULT_CALLERS = java.util.List.of("consent-service", "payment-service",
            "collection-service");

    /** The SHA-256 (hex) of a service secret, as the vault is configured with it. */
    static String hash(String secret) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static StackSecrets loadOrCreate(Path file) {
        try {
            Properties p = new Properties();
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    p.load(reader);
                }
            }
            SecureRandom random = new SecureRandom();
            boolean changed = false;
            changed |= putIfAbsent(p, "admin-token", () -> "adm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(random, 24)));
            changed |= putIfAbsent(p, "vault-master-key", () -> Base64.getEncoder().encodeToString(bytes(random, 32)));
            changed |= putIfAbsent(p, "webhook-master-key", () -> Base64.getEncoder().encodeToString(bytes(random, 32)));
            changed |= putIfAbsent(p, "consent-master-key", () -> Base64.getEncoder().encodeToString(bytes(random, 32)));
            for (String service : VAULT_CALLERS) {
                changed |= putIfAbsent(p, "service-secret." + service,
                        () -> "svc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(random, 32)));
            }
            if (changed) {
                Files.createDirectories(file.getParent());
                try (Writer writer = Files.newBufferedWriter(file)) {
                    p.store(writer, "Ponte devstack secrets for this machine only. Delete with ./ponte up --clean.");
                }
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
            }
            java.util.Map<String, String> services = new java.util.LinkedHashMap<>();
            VAULT_CALLERS.forEach(service -> services.put(service, p.getProperty("service-secret." + service)));
            return new StackSecrets(p.getProperty("admin-token"), p.getProperty("vault-master-key"),
                    p.getProperty("webhook-master-key"), p.getProperty("consent-master-key"), java.util.Map.copyOf(services));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean putIfAbsent(Properties p, String key, java.util.function.Supplier<String> value) {
        if (p.getProperty(key) == null) {
            p.setProperty(key, value.get());
            return true;
        }
        return false;
    }

    private static byte[] bytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
