package br.com.ponte.vault;

import br.com.ponte.infra.PonteInfraTestResource;
import br.com.ponte.pki.CertificateAuthority;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Real PostgreSQL and Kafka, a fresh admin token and master key per run, and a test certificate
 * authority (root and issuing CA) whose root is the vault's only trust anchor. Tests load the
 * issuing CA from {@code ponte.test.ca-dir} to issue partner certificates.
 */
public class VaultTestResource extends PonteInfraTestResource {

    /** The secret of the test's internal caller, consent-service. */
    public static final String INTERNAL_SECRET = "internal-test-secret";

    private Path caDir;

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> args = new HashMap<>(initArgs);
        args.putIfAbsent(DATABASE_ARG, "vault");
        args.putIfAbsent(RANDOM_KEYS_ARG, "ponte.vault.master-key,ponte.vault.admin-token");
        super.init(args);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        try {
            caDir = Files.createTempDirectory("ponte-vault-ca");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CertificateAuthority.root("Vault Test Root CA").intermediate("Vault Test Issuing CA").save(caDir);
        config.put("ponte.vault.trust-anchors", caDir.resolve("ca-root.pem").toString());
        config.put("ponte.test.ca-dir", caDir.toString());
        config.put("ponte.vault.expiry-check-every", "1s");
        // a previous master key, as during a rotation: records sealed under it must be re-wrapped
        byte[] previous = new byte[32];
        new java.security.SecureRandom().nextBytes(previous);
        String previousKey = java.util.Base64.getEncoder().encodeToString(previous);
        config.put("ponte.vault.previous-master-keys.mk0", previousKey);
        config.put("ponte.test.previous-master-key", previousKey);
        config.put("ponte.vault.rewrap-every", "1s");
        // a platform service allowed on /internal: consent-service with secret INTERNAL_SECRET
        config.put("ponte.internal-clients", "consent-service:" + java.util.HexFormat.of().formatHex(br.com.ponte.kit.security.InternalCallers.sha256(INTERNAL_SECRET)));
        return config;
    }

    @Override
    public void stop() {
        super.stop();
        if (caDir != null) {
            br.com.ponte.infra.Dirs.deleteQuietly(caDir);
        }
    }
}
