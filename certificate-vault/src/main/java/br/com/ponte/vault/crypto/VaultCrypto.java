package br.com.ponte.vault.crypto;

import br.com.ponte.kit.crypto.EnvelopeCipher;
import br.com.ponte.vault.VaultConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

public class VaultCrypto {

    /** The vault's envelope cipher, under the master key PONTE_VAULT_MASTER_KEY (and the previous ones during a rotation). */
    @Produces
    @Singleton
    EnvelopeCipher envelopeCipher(VaultConfig config) {
        return new EnvelopeCipher(config.masterKey(), config.masterKeyId(), "ponte.vault.master-key")
                .withPreviousKeys(config.previousMasterKeys(), "ponte.vault.previous-master-keys");
    }
}
