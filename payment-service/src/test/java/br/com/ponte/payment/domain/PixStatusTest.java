package br.com.ponte.payment.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PixStatusTest {

    @ParameterizedTest(name = "{0} is final: {1}")
    @CsvSource({
            "RCVD, false",
            "PATC, false",
            "ACCP, false",
            "ACPD, false",
            "PDNG, false",
            "SCHD, false",
            "ACSC, true",
            "RJCT, true",
            "CANC, true"})
    void onlySettledRejectedAndCancelledAreFinal(String wireValue, boolean expectedFinal) {
        assertThat(PixStatus.fromWireValue(wireValue).isFinal()).isEqualTo(expectedFinal);
    }

    @Test
    void theTableAboveCoversEveryStatus() {
        assertThat(Arrays.stream(PixStatus.values()).map(PixStatus::wireValue))
                .containsExactlyInAnyOrder("RCVD", "PATC", "ACCP", "ACPD", "PDNG", "SCHD", "ACSC", "RJCT", "CANC");
    }

    @ParameterizedTest
    @EnumSource(PixStatus.class)
    void wireValuesRoundTrip(PixStatus status) {
        assertThat(PixStatus.fromWireValue(status.wireValue())).isSameAs(status);
    }

    @Test
    void anUnknownWireValueIsRefused() {
        assertThatThrownBy(() -> PixStatus.fromWireValue("DONE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PixStatus.fromWireValue("acsc")).isInstanceOf(IllegalArgumentException.class);
    }
}
