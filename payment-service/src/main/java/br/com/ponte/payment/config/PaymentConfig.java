package br.com.ponte.payment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "ponte.payment")
public interface PaymentConfig {

    /**
     * consent-service, whose internal API hands out authorised consents ({@code PONTE_PAYMENT_CONSENT_URL}); the
     * service-kit grant client reads it as {@code ponte.consent-service.url} (application.properties).
     */
    @WithDefault("http://localhost:8081")
    String consentUrl();

    /** The first status read after the transmitter accepted a payment. */
    @WithDefault("1s")
    Duration pollFirstAfter();

    /** The backoff doubles after every read without a change, up to this. */
    @WithDefault("60s")
    Duration pollMaxInterval();

    /** How often due reads are looked for. */
    @WithDefault("1s")
    Duration pollEvery();

    /**
     * At most this many status reads per second, over all transmitters (keep it under the
     * transmitters' rate limits; sandbox-bank allows 50 per client).
     */
    @WithDefault("20")
    int pollsPerSecond();
}
