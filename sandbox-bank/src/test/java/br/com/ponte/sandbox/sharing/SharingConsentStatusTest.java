package br.com.ponte.sandbox.sharing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every move between two data-sharing consent statuses, allowed or not. */
class SharingConsentStatusTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "AWAITING_AUTHORISATION, AWAITING_AUTHORISATION, false",
            "AWAITING_AUTHORISATION, AUTHORISED, true",
            "AWAITING_AUTHORISATION, REJECTED, true",
            "AUTHORISED, AWAITING_AUTHORISATION, false",
            "AUTHORISED, AUTHORISED, false",
            "AUTHORISED, REJECTED, true",
            "REJECTED, AWAITING_AUTHORISATION, false",
            "REJECTED, AUTHORISED, false",
            "REJECTED, REJECTED, false",
    })
    void transitions(SharingConsentStatus from, SharingConsentStatus to, boolean allowed) {
        assertThat(from.canBecome(to)).isEqualTo(allowed);
    }
}
