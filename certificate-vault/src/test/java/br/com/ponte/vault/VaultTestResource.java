package br.com.ponte.vault;

import br.com.ponte.infra.PonteInfraTestResource;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Real PostgreSQL and Kafka, plus a fresh admin token and master key per test run (nothing committed). */
public class VaultTestResource extends PonteInfraTestResource {

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> args = new HashMap<>(initArgs);
        args.putIfAbsent(DATABASE_ARG, "vault");
        super.init(args);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        config.put("ponte.vault.master-key", Base64.getEncoder().encodeToString(key));
        config.put("ponte.vault.admin-token", "admin-" + Base64.getUrlEncoder().encodeToString(key).substring(0, 16));
        return config;
    }
}
