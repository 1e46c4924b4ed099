package br.com.ponte.webhook;

import br.com.ponte.kit.crypto.EnvelopeCipher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

public class WebhookCrypto {

    /** Seals endpoint signing secrets at rest under PONTE_WEBHOOK_MASTER_KEY (and opens those under the previous keys). */
    @Produces
    @Singleton
    EnvelopeCipher envelopeCipher(WebhookConfig config) {
        return new EnvelopeCipher(config.masterKey(), config.masterKeyId(), "ponte.webhook.master-key")
                .withPreviousKeys(config.previousMasterKeys(), "ponte.webhook.previous-master-keys");
    }
}
