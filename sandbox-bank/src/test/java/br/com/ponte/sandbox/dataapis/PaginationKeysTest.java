package br.com.ponte.sandbox.dataapis;

import br.com.ponte.sandbox.resource.ApiError;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A pagination-key serves its listing only, for its lifetime, and stands for the moment of the first page. */
class PaginationKeysTest {

    private static final Instant NOW = Instant.parse("2026-12-02T15:00:00Z");
    private final PaginationKeys keys = new PaginationKeys(Duration.ofMinutes(60));

    @Test
    void aKeyServesItsListingAsOfItsFirstPage() {
        Instant firstPage = NOW.minusSeconds(30);
        String key = keys.issue("consent|accounts-transactions|acc|&fromBookingDate=2026-12-01|1000", firstPage, NOW);

        assertThat(keys.check(key, "consent|accounts-transactions|acc|&fromBookingDate=2026-12-01|1000",
                NOW.plusSeconds(600))).isEqualTo(firstPage);
    }

    @Test
    void anotherListingsATamperedOrAnExpiredKeyIsRefused() {
        String listing = "consent|accounts-transactions|acc||25";
        String key = keys.issue(listing, NOW, NOW);

        assertRefused(() -> keys.check(key, "consent|accounts-transactions|other||25", NOW));
        assertRefused(() -> keys.check(key, "other|accounts-transactions|acc||25", NOW));
        assertRefused(() -> keys.check(key.replaceFirst("^.", "z"), listing, NOW));
        assertRefused(() -> keys.check("made-up", listing, NOW));
        assertRefused(() -> keys.check(key, listing, NOW.plus(Duration.ofMinutes(61))));
        assertRefused(() -> new PaginationKeys(Duration.ofMinutes(60)).check(key, listing, NOW));
    }

    private static void assertRefused(Runnable check) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(ApiError.class, error -> {
            assertThat(error.status()).isEqualTo(422);
            assertThat(error.code()).isEqualTo("PARAMETRO_INVALIDO");
        });
    }
}
