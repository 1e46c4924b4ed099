package br.com.ponte.webhook;

import br.com.ponte.infra.PonteInfraTestResource;

import java.util.HashMap;
import java.util.Map;

/** Real PostgreSQL and Kafka, partner tokens, and a fresh master key per run. */
public class DispatcherTestResource extends PonteInfraTestResource {

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> args = new HashMap<>(initArgs);
        args.putIfAbsent(DATABASE_ARG, "webhook");
        args.putIfAbsent(PARTNER_TOKENS_ARG, "true");
        args.putIfAbsent(RANDOM_KEYS_ARG, "ponte.webhook.master-key");
        super.init(args);
    }
}
