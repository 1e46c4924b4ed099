package br.com.ponte.consent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "ponte.consent")
public interface ConsentConfig {

    /** A consent not authorised (or rejected) this long after creation expires (payments API: 5 minutes). */
    @WithDefault("5m")
    Duration authorisationWindow();

    /** An authorised consent not consumed this long after authorisation expires (payments API: 60 minutes). */
    @WithDefault("60m")
    Duration consumptionWindow();

    /** How often deadlines are checked; an expiry fires at most this late. */
    @WithDefault("5s")
    Duration expiryCheckEvery();

    /**
     * Where users' browsers reach consent-service ({@code PONTE_CONSENT_PUBLIC_URL}): the bank sends
     * them back to {@code <public-url>/v1/authorisations/callback} (or, for a client registered before
     * it existed, {@code <public-url>/v1/payment-consents/callback}), which must be among the redirect
     * URIs of the partner's software statement.
     */
    @WithDefault("http://localhost:8081")
    String publicUrl();

    /**
     * Base64 of the 32-byte master key that wraps the data keys sealing users' tokens at the banks
     * ({@code PONTE_CONSENT_MASTER_KEY}); required.
     */
    String masterKey();

    /** Names the master key; stored beside every wrapped data key. */
    @WithDefault("consent-master-1")
    String masterKeyId();

    /** How often consents waiting for more approvers (PARTIALLY_ACCEPTED) are read again at the bank. */
    @WithDefault("2s")
    Duration multipleApprovalCheckEvery();

    /**
     * Where banks send users back, in order of preference: the callback of every kind of consent, then
     * the payment consents' path it replaced, which software statements registered before still carry.
     * An authorisation is pushed with the first of them the partner's client has at the bank.
     */
    default java.util.List<String> callbackUrls() {
        return java.util.List.of(publicUrlOf("/v1/authorisations/callback"), legacyCallbackUrl());
    }

    default String legacyCallbackUrl() {
        return publicUrlOf("/v1/payment-consents/callback");
    }

    /** The absolute URL users' browsers reach {@code path} (starting with {@code /}) of this service at. */
    default String publicUrlOf(String path) {
        return publicUrl().replaceAll("/+$", "") + path;
    }
}
