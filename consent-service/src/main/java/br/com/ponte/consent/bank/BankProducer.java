package br.com.ponte.consent.bank;

import br.com.ponte.consent.config.BankConfig;
import br.com.ponte.consent.config.ConsentConfig;
import br.com.ponte.fapi.BankConnections;
import br.com.ponte.fapi.Participants;
import br.com.ponte.fapi.VaultKeys;
import br.com.ponte.kit.crypto.EnvelopeCipher;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The connections to banks (keys through the vault's internal API) and the cipher for users' tokens. */
public class BankProducer {

    @Produces
    @ApplicationScoped
    BankConnections banks(Vertx vertx, BankConfig config,
                          @ConfigProperty(name = "ponte.vault.url") String vaultUrl,
                          @ConfigProperty(name = "quarkus.application.name") String service,
                          @ConfigProperty(name = "ponte.vault.service-secret") String serviceSecret) {
        String anchors;
        try {
            anchors = Files.readString(config.trustAnchors());
        } catch (IOException e) {
            throw new UncheckedIOException("ponte.fapi.trust-anchors: cannot read " + config.trustAnchors(), e);
        }
        return new BankConnections(vertx, new VaultKeys(vertx, vaultUrl, service, serviceSecret, config.timeout()),
                new Participants(vertx, config.participantsUrl(), config.timeout(), config.reuseFor()),
                anchors, config.timeout(), config.reuseFor());
    }

    void close(@Disposes BankConnections banks) {
        banks.close();
    }

    @Produces
    @ApplicationScoped
    EnvelopeCipher grantCipher(ConsentConfig config) {
        return new EnvelopeCipher(config.masterKey(), config.masterKeyId(), "ponte.consent.master-key");
    }
}
