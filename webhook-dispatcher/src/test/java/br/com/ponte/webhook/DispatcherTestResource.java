package br.com.ponte.webhook;

import br.com.ponte.infra.PonteInfraTestResource;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Real PostgreSQL and Kafka, partner tokens, and a fresh master key per run (nothing committed). */
public class DispatcherTestResource extends PonteInfraTestResource {

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> args = new HashMap<>(initArgs);
        args.putIfAbsent(DATABASE_ARG, "webhook");
        args.putIfAbsent(PARTNER_TOKENS_ARG, "true");
        super.init(args);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        config.put("ponte.webhook.master-key", Base64.getEncoder().encodeToString(key));
        return config;
    }
}
