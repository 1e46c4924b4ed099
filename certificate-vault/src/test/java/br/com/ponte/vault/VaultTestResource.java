package br.com.ponte.vault;

import br.com.ponte.infra.PonteInfraTestResource;

import java.util.HashMap;
import java.util.Map;

/** Real PostgreSQL and Kafka, and a fresh admin token and master key per run. */
public class VaultTestResource extends PonteInfraTestResource {

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> args = new HashMap<>(initArgs);
        args.putIfAbsent(DATABASE_ARG, "vault");
        args.putIfAbsent(RANDOM_KEYS_ARG, "ponte.vault.master-key,ponte.vault.admin-token");
        super.init(args);
    }
}
