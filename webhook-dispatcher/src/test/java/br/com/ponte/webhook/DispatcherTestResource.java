package br.com.ponte.webhook;

import br.com.ponte.infra.PonteInfraTestResource;

import java.util.HashMap;
import java.util.Map;

/** Real PostgreSQL and Kafka, partner tokens, a fresh master key per run and a previous one (mk0). */
public class DispatcherTestResource extends PonteInfraTestResource {

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> args = new HashMap<>(initArgs);
        args.putIfAbsent(DATABASE_ARG, "webhook");
        args.putIfAbsent(PARTNER_TOKENS_ARG, "true");
        args.putIfAbsent(RANDOM_KEYS_ARG, "ponte.webhook.master-key");
        super.init(args);
    }

    /** A previous master key (id mk0), as during a rotation; tests seal with it to check the re-wrap. */
    public static final String PREVIOUS_MASTER_KEY = java.util.Base64.getEncoder().encodeToString(randomKey());

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("ponte.webhook.previous-master-keys.mk0", PREVIOUS_MASTER_KEY);
        config.put("ponte.webhook.rewrap-every", "1s");
        return config;
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }
}
