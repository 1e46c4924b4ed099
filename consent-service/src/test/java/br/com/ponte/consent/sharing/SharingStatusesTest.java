package br.com.ponte.consent.sharing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every move of the sharing status machines, allowed or not. */
class SharingStatusesTest {

    @ParameterizedTest(name = "consent {0} -> {1}: {2}")
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
    void consent(SharingStatus from, SharingStatus to, boolean allowed) {
        assertThat(from.canBecome(to)).isEqualTo(allowed);
        assertThat(from.isFinal()).isEqualTo(from == SharingStatus.REJECTED);
    }

    @ParameterizedTest(name = "resource {0} -> {1}: {2}")
    @CsvSource({
            "PENDING_AUTHORISATION, PENDING_AUTHORISATION, false",
            "PENDING_AUTHORISATION, AVAILABLE, true",
            "PENDING_AUTHORISATION, TEMPORARILY_UNAVAILABLE, true",
            "PENDING_AUTHORISATION, UNAVAILABLE, true",
            "AVAILABLE, PENDING_AUTHORISATION, false",
            "AVAILABLE, AVAILABLE, false",
            "AVAILABLE, TEMPORARILY_UNAVAILABLE, true",
            "AVAILABLE, UNAVAILABLE, true",
            "TEMPORARILY_UNAVAILABLE, PENDING_AUTHORISATION, false",
            "TEMPORARILY_UNAVAILABLE, AVAILABLE, true",
            "TEMPORARILY_UNAVAILABLE, TEMPORARILY_UNAVAILABLE, false",
            "TEMPORARILY_UNAVAILABLE, UNAVAILABLE, true",
            "UNAVAILABLE, PENDING_AUTHORISATION, false",
            "UNAVAILABLE, AVAILABLE, true",
            "UNAVAILABLE, TEMPORARILY_UNAVAILABLE, true",
            "UNAVAILABLE, UNAVAILABLE, false",
    })
    void resource(ResourceStatus from, ResourceStatus to, boolean allowed) {
        assertThat(from.canBecome(to)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "session {0} -> {1}: {2}")
    @CsvSource({
            "ACTIVE, ACTIVE, false", "ACTIVE, FINISHED, true", "ACTIVE, EXPIRED, true",
            "FINISHED, ACTIVE, false", "FINISHED, FINISHED, false", "FINISHED, EXPIRED, false",
            "EXPIRED, ACTIVE, false", "EXPIRED, FINISHED, false", "EXPIRED, EXPIRED, false",
    })
    void session(SessionStatus from, SessionStatus to, boolean allowed) {
        assertThat(from.canBecome(to)).isEqualTo(allowed);
        assertThat(from.isFinal()).isEqualTo(from != SessionStatus.ACTIVE);
    }
}
