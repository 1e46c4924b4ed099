package br.com.ponte.consent.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every move between two payment consent statuses, allowed or not, and which are final. */
class ConsentStatusTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "AWAITING_AUTHORISATION, AWAITING_AUTHORISATION, false",
            "AWAITING_AUTHORISATION, PARTIALLY_ACCEPTED, true",
            "AWAITING_AUTHORISATION, AUTHORISED, true",
            "AWAITING_AUTHORISATION, REJECTED, true",
            "AWAITING_AUTHORISATION, CONSUMED, false",
            "PARTIALLY_ACCEPTED, AWAITING_AUTHORISATION, false",
            "PARTIALLY_ACCEPTED, PARTIALLY_ACCEPTED, false",
            "PARTIALLY_ACCEPTED, AUTHORISED, true",
            "PARTIALLY_ACCEPTED, REJECTED, true",
            "PARTIALLY_ACCEPTED, CONSUMED, false",
            "AUTHORISED, AWAITING_AUTHORISATION, false",
            "AUTHORISED, PARTIALLY_ACCEPTED, false",
            "AUTHORISED, AUTHORISED, false",
            "AUTHORISED, REJECTED, true",
            "AUTHORISED, CONSUMED, true",
            "REJECTED, AWAITING_AUTHORISATION, false",
            "REJECTED, PARTIALLY_ACCEPTED, false",
            "REJECTED, AUTHORISED, false",
            "REJECTED, REJECTED, false",
            "REJECTED, CONSUMED, false",
            "CONSUMED, AWAITING_AUTHORISATION, false",
            "CONSUMED, PARTIALLY_ACCEPTED, false",
            "CONSUMED, AUTHORISED, false",
            "CONSUMED, REJECTED, false",
            "CONSUMED, CONSUMED, false",
    })
    void transitions(ConsentStatus from, ConsentStatus to, boolean allowed) {
        assertThat(from.canBecome(to)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} final: {1}")
    @CsvSource({"AWAITING_AUTHORISATION, false", "PARTIALLY_ACCEPTED, false", "AUTHORISED, false", "REJECTED, true",
            "CONSUMED, true"})
    void finalStatuses(ConsentStatus status, boolean isFinal) {
        assertThat(status.isFinal()).isEqualTo(isFinal);
    }
}
