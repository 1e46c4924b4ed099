package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.brand.Brand;
import br.com.ponte.sandbox.brand.BrandContext;
import br.com.ponte.sandbox.brand.BrandTables;
import br.com.ponte.sandbox.config.SandboxUrls;
import br.com.ponte.sandbox.resource.ApiError;
import br.com.ponte.sandbox.store.SandboxStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The limits count per consent, operation and resource, a calendar month in Brasília, start over with the
 * month, and take their figures from the configuration or the public table.
 */
class OperationalLimitsTest {

    /** 23:59 of the last day of November in Brasília: 02:59 of December 1st in UTC. */
    private static final Instant END_OF_NOVEMBER = Instant.parse("2026-12-01T02:59:00Z");

    private final OperationalLimits limits = new OperationalLimits(
            key -> Optional.ofNullable(Map.of("sandbox.limits.accounts-balances", 2).get(key)),
            new BrandTables<>(new SandboxStore(Optional.empty()),
                    new BrandContext(new SandboxUrls("https://localhost", "http://localhost")), "dataUsage",
                    OperationalLimits.Usage.class));

    @Test
    void theLimitsAreTheConfiguredOnesOrTheTables() {
        assertThat(limits.limit(DataOperation.ACCOUNT_BALANCES)).isEqualTo(2);
        assertThat(limits.limit(DataOperation.ACCOUNT_TRANSACTIONS_CURRENT)).isEqualTo(240);
        assertThat(limits.limit(DataOperation.CARD_BILLS)).isEqualTo(30);
        assertThat(limits.limit(DataOperation.ACCOUNTS)).isEqualTo(4);
    }

    @Test
    void aLimitsKeyNamesAnOperationWrittenAsAPropertyOrAsAnEnvironmentVariable() {
        // sandbox.limits.accounts-balances, and SANDBOX_LIMITS_ACCOUNTS_TRANSACTIONS_CURRENT as the map sees it
        OperationalLimits.checkKeys(java.util.List.of("accounts-balances", "accounts.transactions.current"));
        assertThatThrownBy(() -> OperationalLimits.checkKeys(java.util.List.of("accounts-balance")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("sandbox.limits.accounts-balance names no data API operation");
    }

    @Test
    void callsAreCountedPerConsentOperationAndResourceUntilTheMonthEndsInBrasilia() {
        limits.count(Brand.SANDBOX, "c1", DataOperation.ACCOUNT_BALANCES, "a1", END_OF_NOVEMBER);
        limits.count(Brand.SANDBOX, "c1", DataOperation.ACCOUNT_BALANCES, "a1", END_OF_NOVEMBER);

        assertThatThrownBy(() -> limits.count(Brand.SANDBOX, "c1", DataOperation.ACCOUNT_BALANCES, "a1", END_OF_NOVEMBER))
                .isInstanceOfSatisfying(ApiError.class, error -> {
                    assertThat(error.status()).isEqualTo(429);
                    assertThat(error.retryAfterSeconds()).isEqualTo(60);
                });
        limits.count(Brand.SANDBOX, "c1", DataOperation.ACCOUNT_BALANCES, "a2", END_OF_NOVEMBER);
        limits.count(Brand.SANDBOX, "c2", DataOperation.ACCOUNT_BALANCES, "a1", END_OF_NOVEMBER);
        limits.count(Brand.HORIZONTE, "c1", DataOperation.ACCOUNT_BALANCES, "a1", END_OF_NOVEMBER);
        // a minute later it is December in Brasília
        limits.count(Brand.SANDBOX, "c1", DataOperation.ACCOUNT_BALANCES, "a1", END_OF_NOVEMBER.plusSeconds(60));

        assertThat(limits.usage(Brand.SANDBOX, "c1", END_OF_NOVEMBER.plusSeconds(60)).month()).isEqualTo("2026-12");
        assertThat(limits.usage(Brand.SANDBOX, "c1", END_OF_NOVEMBER.plusSeconds(60))
                .used(DataOperation.ACCOUNT_BALANCES, "a1")).isEqualTo(1);
        limits.reset(Brand.SANDBOX, "c1");
        assertThat(limits.usage(Brand.SANDBOX, "c1", END_OF_NOVEMBER.plusSeconds(60)).calls()).isEmpty();
    }
}
