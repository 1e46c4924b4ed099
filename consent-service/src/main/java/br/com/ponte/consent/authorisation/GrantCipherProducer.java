package br.com.ponte.consent.authorisation;

import br.com.ponte.consent.config.ConsentConfig;
import br.com.ponte.kit.crypto.EnvelopeCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The cipher sealing users' tokens at the banks (and the PKCE verifier while they are there). */
public class GrantCipherProducer {

    @Produces
    @ApplicationScoped
    EnvelopeCipher grantCipher(ConsentConfig config) {
        return new EnvelopeCipher(config.masterKey(), config.masterKeyId(), "ponte.consent.master-key");
    }
}
