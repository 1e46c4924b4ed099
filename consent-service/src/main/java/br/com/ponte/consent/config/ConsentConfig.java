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
}
