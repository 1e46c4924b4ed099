package br.com.ponte.vault;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "ponte.vault")
public interface VaultConfig {

    /** Bearer token of the platform operator for {@code POST /v1/partners}. No default: set PONTE_VAULT_ADMIN_TOKEN. */
    String adminToken();

    /** Base64 of the 256-bit master key that wraps every data key. No default: set PONTE_VAULT_MASTER_KEY. */
    String masterKey();

    /** Names the master key, stored beside each wrapped data key so keys can be rotated. */
    @WithDefault("mk1")
    String masterKeyId();

    /**
     * Earlier master keys by id (base64), during a rotation: records sealed under them still open
     * and are re-wrapped under the current key in the background (MasterKeyRotation). E.g.
     * {@code PONTE_VAULT_PREVIOUS_MASTER_KEYS_MK1}.
     */
    java.util.Map<String, String> previousMasterKeys();

    /** How often records still sealed under a previous master key are looked for. */
    @WithDefault("1m")
    Duration rewrapEvery();

    /** {@code iss} of the partner access tokens; services verify it. */
    @WithDefault("https://vault.ponte.local")
    String issuer();

    /** {@code aud} of the partner access tokens. */
    @WithDefault("ponte")
    String audience();

    /** Lifetime of a partner access token. */
    @WithDefault("15m")
    Duration tokenTtl();

    /**
     * PEM files of the certificate authorities partner certificates must chain to: Open Finance
     * Brasil's roots in production, sandbox-bank's development CA under devstack. Without any, every
     * certificate upload is refused (CADEIA_NAO_CONFIAVEL).
     */
    Optional<List<String>> trustAnchors();

    /** Days before a certificate's expiry when {@code certificate:expiring} is published. */
    @WithDefault("30,7,1")
    List<Integer> expiryNoticeDays();

    /** How often active certificates are checked for coming expiry. */
    @WithDefault("1h")
    Duration expiryCheckEvery();


    /**
     * Where transmitters send their Open Finance webhook calls (payment and consent changes),
     * registered as {@code webhook_uris} at DCR ({@code PONTE_VAULT_WEBHOOK_URIS}): payment-service's
     * public base URL. None: no webhooks, Ponte polls only.
     */
    Optional<List<String>> webhookUris();

    /** Open Finance Brasil's directory: where transmitters and software statements are found. */
    Directory directory();

    interface Directory {

        /** The participants list (directory participants API). */
        @WithDefault("http://localhost:8090/participants")
        String participantsUrl();

        /** The directory API base, for software statement assertions. */
        @WithDefault("http://localhost:8090/directory")
        String apiUrl();
    }

    /**
     * PEM files of the CAs transmitters' TLS server certificates chain to (ICP-Brasil in production,
     * sandbox-bank's CA in development). Without any, no transmitter can be called.
     */
    Optional<List<String>> transmitterTrustAnchors();
}
