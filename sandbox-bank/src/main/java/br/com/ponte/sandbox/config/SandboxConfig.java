package br.com.ponte.sandbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "sandbox")
public interface SandboxConfig {

    /**
     * Where the sandbox bank's Open Finance APIs are reached from outside (scheme, host, port; no
     * trailing path): the authorisation server's issuer and the prefix of every URL it and the
     * directory publish for the bank.
     */
    @WithName("base-url")
    @WithDefault("https://localhost:8443")
    String baseUrl();

    /**
     * Where the directory (plain HTTP) is reached from outside: the prefix of the URLs it writes into
     * software statements, such as {@code software_jwks_uri}.
     */
    @WithName("directory-url")
    @WithDefault("http://localhost:8090")
    String directoryUrl();

    /**
     * The development CA ({@code ca-chain.pem}, {@code ca-key.pem}, {@code ca-root.pem}) and the bank's
     * and directory's signing keys. Created on first start; kept so that certificates issued earlier
     * stay trusted across restarts.
     */
    @WithName("pki-dir")
    @WithDefault("${java.io.tmpdir}/ponte-sandbox-pki")
    Path pkiDir();

    /** Where the state (software statements, clients, tokens) is kept as JSON; in memory only when absent. */
    @WithName("data-dir")
    Optional<Path> dataDir();

    /** The payment consents' clocks (payments v4: 5 minutes to authorise, 60 to consume). */
    Consent consent();

    /** How fast Pix payments move through their states. */
    Payment payment();

    /** When scheduled Pix payments settle. */
    Schedule schedule();

    /** How many calls per second a client may make to the payments API before it gets 429. */
    @WithName("rate-limit")
    RateLimit rateLimit();

    /** Deliveries of the Open Finance webhook calls to the initiators. */
    Webhook webhook();

    /** The data-sharing consents' clocks (consents v3). */
    Sharing sharing();

    /** The bank's books behind the data APIs: what they are made from and how they change. */
    Data data();

    /**
     * The data APIs' operational limits, calls a month per consent, operation and resource, by operation key
     * ({@code sandbox.limits.accounts-balances=420}); an operation not named keeps the public table's figure.
     */
    Map<String, Integer> limits();

    interface Consent {

        /** How long a consent may wait for the user's decision before it is REJECTED (TEMPO_EXPIRADO_AUTORIZACAO). */
        @WithDefault("PT5M")
        Duration authorisationTimeout();

        /** How long an authorised consent may wait for its payment before it is REJECTED (TEMPO_EXPIRADO_CONSUMO). */
        @WithDefault("PT60M")
        Duration consumptionTimeout();
    }

    interface Payment {

        /** The time between two states of a payment (RCVD, ACCP, ACPD, ACSC), and the slow scenario's unit. */
        @WithDefault("PT2S")
        Duration step();
    }

    interface Schedule {

        /**
         * A development shortcut: when set, a scheduled (SCHD) payment moves on this long after it was
         * created instead of on its date (00:00 in Brasília), so that a test can watch it settle.
         */
        Optional<Duration> settleAfter();
    }

    interface RateLimit {

        @WithDefault("50")
        int perSecond();
    }

    interface Sharing {

        /** How long a data-sharing consent may wait for the user's decision before it is REJECTED (CONSENT_EXPIRED). */
        @WithDefault("PT60M")
        Duration authorisationTimeout();

        /**
         * How long the second approver of a multi-approver resource has, after the first approval, before
         * the resource becomes UNAVAILABLE: the experience guide's 15 calendar days.
         */
        @WithDefault("P15D")
        Duration multipleApprovalWindow();
    }

    interface Data {

        /** What every generated transaction, bill, contract and registration is drawn from: the same seed, the same data. */
        @WithDefault("20240601")
        long seed();

        /**
         * The bank shows new transactions in batches, at the end of each such stretch of wall time (aligned on
         * the epoch): what was dated during it appears then.
         */
        @WithDefault("PT15M")
        Duration newTransactionsEvery();

        /** How long a {@code pagination-key} the data APIs hand out serves; then it is refused as stale. */
        @WithDefault("PT1H")
        Duration paginationKeyTtl();
    }

    interface Webhook {

        /** Attempts per notification: the first right away, each retry after twice the previous wait. */
        @WithDefault("4")
        int attempts();

        /** The wait before the first retry. */
        @WithDefault("PT1S")
        Duration firstRetry();
    }
}
