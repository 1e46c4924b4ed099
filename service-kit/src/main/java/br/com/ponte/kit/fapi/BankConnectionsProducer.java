package br.com.ponte.kit.fapi;

import br.com.ponte.fapi.BankConnections;
import br.com.ponte.fapi.Participants;
import br.com.ponte.fapi.VaultKeys;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The connections to banks of a service that calls them (consent-, payment-, collection-service):
 * the partner's keys through the vault's internal API, as this service
 * ({@code PONTE_VAULT_SERVICE_SECRET}), banks found in the directory, their TLS certificates checked
 * against {@code ponte.fapi.trust-anchors}, every call to a bank through its circuit breaker and
 * bulkhead ({@link BankGuards}).
 */
public class BankConnectionsProducer {

    @Produces
    @ApplicationScoped
    BankConnections banks(Vertx vertx, FapiConfig config, BankGuards guards,
                          @ConfigProperty(name = "ponte.vault.url") String vaultUrl,
                          @ConfigProperty(name = "quarkus.application.name") String service,
                          @ConfigProperty(name = "ponte.vault.service-secret") String serviceSecret) {
        Path anchors = config.trustAnchors().orElseThrow(() -> new IllegalStateException(
                "ponte.fapi.trust-anchors (PONTE_FAPI_TRUST_ANCHORS) must name the PEM file of the banks' CAs"));
        String pem;
        try {
            pem = Files.readString(anchors);
        } catch (IOException e) {
            throw new UncheckedIOException("ponte.fapi.trust-anchors: cannot read " + anchors, e);
        }
        return new BankConnections(vertx, new VaultKeys(vertx, vaultUrl, service, serviceSecret, config.timeout()),
                new Participants(vertx, config.participantsUrl(), config.timeout(), config.reuseFor()),
                pem, config.timeout(), config.reuseFor(), guards);
    }

    void close(@Disposes BankConnections banks) {
        banks.close();
    }
}
