package br.com.ponte.kit.fapi;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How a service reaches transmitters (banks) and the directory; the partner's keys come from the vault. */
@ConfigMapping(prefix = "ponte.fapi")
public interface FapiConfig {

    /**
     * PEM file of the CAs transmitters' TLS certificates chain to ({@code PONTE_FAPI_TRUST_ANCHORS}):
     * ICP-Brasil in production, the development CA ({@code .ponte/pki/ca-root.pem}) with devstack.
     * Required by services that call banks; read when the first bank connection is made.
     */
    Optional<Path> trustAnchors();

    /** The directory's participants list ({@code PONTE_FAPI_PARTICIPANTS_URL}). */
    @WithDefault("http://localhost:8090/participants")
    String participantsUrl();

    /** Time allowed for one call to a bank, the directory or the vault. */
    @WithDefault("10s")
    Duration timeout();

    /** How long a partner's TLS client, a bank's discovery document and keys are reused. */
    @WithDefault("5m")
    Duration reuseFor();

    /** Each bank's circuit breaker and bulkhead ({@link BankGuards}). */
    Guard guard();

    interface Guard {
        /** The last calls to a bank the breaker looks at; it opens when {@link #failureRatio} of them failed. */
        @WithDefault("10")
        int requests();

        @WithDefault("0.5")
        double failureRatio();

        /** How long an open breaker keeps calls from the bank before one is let through to try it. */
        @WithDefault("30s")
        Duration delay();

        /** Calls to one bank at once from this instance; more wait in the queue, and past it are refused. */
        @WithDefault("64")
        int concurrency();

        @WithDefault("256")
        int queue();
    }
}
