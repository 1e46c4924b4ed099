package br.com.ponte.collection.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CollectionStatusTest {

    @ParameterizedTest(name = "{0} is final: {1}")
    @CsvSource({
            "PENDING, false",
            "RUNNING, false",
            "FINISHED, true",
            "FAILED, true"})
    void onlyFinishedAndFailedAreFinal(CollectionStatus status, boolean expectedFinal) {
        assertThat(status.isFinal()).isEqualTo(expectedFinal);
        assertThat(status.wireValue()).isEqualTo(status.name());
    }
}
