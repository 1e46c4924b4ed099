package br.com.ponte.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "ponte.webhook")
public interface WebhookConfig {

    /** Base64 of the 256-bit key that wraps endpoint signing secrets at rest. Set PONTE_WEBHOOK_MASTER_KEY. */
    String masterKey();

    @WithDefault("mk1")
    String masterKeyId();

    /**
     * Earlier master keys by id (base64), during a rotation (e.g. PONTE_WEBHOOK_PREVIOUS_MASTER_KEYS_MK1):
     * secrets sealed under them still open and are re-wrapped under the current key in the background.
     */
    java.util.Map<String, String> previousMasterKeys();

    /** How often secrets still sealed under a previous master key are looked for. */
    @WithDefault("1m")
    Duration rewrapEvery();

    /** A delivery succeeds on a 2xx answer within this time. */
    @WithDefault("15s")
    Duration requestTimeout();

    /**
     * Delay before each attempt: the first entry for the first attempt, and so on; a message whose
     * last attempt failed is marked FAILED. Svix's schedule by default.
     */
    @WithDefault("0s,5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /** Random spread added to each retry delay, as a fraction of it, so retries of many messages do not align. */
    @WithDefault("0.1")
    double retryJitter();

    /** The longest {@code Retry-After} honoured; a longer one is capped. */
    @WithDefault("24h")
    Duration maxRetryAfter();

    /** An endpoint whose deliveries all failed for this long is disabled. */
    @WithDefault("5d")
    Duration disableAfter();

    /** How long the secret before a rotation keeps signing beside the new one. */
    @WithDefault("24h")
    Duration secretRotationOverlap();

    /** Refuse plain-http endpoint URLs (on in the prod profile). */
    @WithDefault("false")
    boolean requireHttps();

    /**
     * Private, loopback and link-local networks endpoints may nevertheless resolve to, as CIDRs
     * (devstack allows 127.0.0.0/8). Everything else that is not a public address is refused.
     */
    Optional<List<String>> allowedPrivateNetworks();

    /** Deliveries in flight at once in this instance. */
    @WithDefault("256")
    int maxInFlight();

    /**
     * Due deliveries above which ingest waits (IngestGate): an overload then stays in Kafka rather than
     * in this database and memory. About four seconds of sending at full rate; 0 turns the bound off.
     */
    @WithDefault("10000")
    int maxDueBacklog();

    /** How long a claimed delivery is reserved for this instance before another may take it over. */
    @WithDefault("60s")
    Duration lease();
}
