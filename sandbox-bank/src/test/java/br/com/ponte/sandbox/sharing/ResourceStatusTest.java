package br.com.ponte.sandbox.sharing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every move between two statuses of a shared resource, allowed or not. */
class ResourceStatusTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
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
            "UNAVAILABLE, AVAILABLE, false",
            "UNAVAILABLE, TEMPORARILY_UNAVAILABLE, false",
            "UNAVAILABLE, UNAVAILABLE, false",
    })
    void transitions(ResourceStatus from, ResourceStatus to, boolean allowed) {
        assertThat(from.canBecome(to)).isEqualTo(allowed);
    }
}
