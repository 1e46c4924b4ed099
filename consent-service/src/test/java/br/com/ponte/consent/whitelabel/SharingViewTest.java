package br.com.ponte.consent.whitelabel;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SharingViewTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void thePartnersTermIsSuggestedAmongTheStandardOnes() {
        assertThat(SharingView.terms(9, "9", NOW)).extracting(SharingView.Term::value).containsExactly("3", "6", "9", "12");
        assertThat(SharingView.terms(9, "9", NOW)).filteredOn(SharingView.Term::suggested).extracting(SharingView.Term::value)
                .containsExactly("9");
        assertThat(SharingView.terms(6, "6", NOW)).extracting(SharingView.Term::value).containsExactly("3", "6", "12");
        assertThat(SharingView.terms(1, "1", NOW)).as("always an alternative").hasSize(4);
        assertThat(SharingView.terms(6, "12", NOW)).filteredOn(SharingView.Term::checked).extracting(SharingView.Term::value)
                .containsExactly("12");
        assertThat(SharingView.terms(6, "6", NOW).get(1).until()).isEqualTo("até 2 de junho de 2027");
    }

    @Test
    void noTermIsOfferedOnlyWhenThePartnerAskedForNone() {
        assertThat(SharingView.terms(null, SharingView.INDEFINITE, NOW)).extracting(SharingView.Term::value)
                .containsExactly("3", "6", "12", "indefinite");
        assertThat(SharingView.terms(12, "12", NOW)).extracting(SharingView.Term::value).doesNotContain("indefinite");
        assertThat(SharingView.term("indefinite", null)).contains(new SharingView.Chosen(null));
        assertThat(SharingView.term("indefinite", 6)).isEmpty();
        assertThat(SharingView.term("6", 6)).contains(new SharingView.Chosen(6));
        assertThat(SharingView.term("9", 6)).as("not offered").isEmpty();
        assertThat(SharingView.term("13", 6)).isEmpty();
        assertThat(SharingView.term(null, 6)).isEmpty();
    }

    @Test
    void documentsAndDatesAreWrittenAsBraziliansReadThem() {
        assertThat(Words.cpf("11144477735")).isEqualTo("***.444.777-**");
        assertThat(Words.cnpj("11222333000181")).isEqualTo("11.222.333/0001-81");
        assertThat(Words.date(Instant.parse("2026-12-02T02:00:00Z"))).as("Brasília's day").isEqualTo("1 de dezembro de 2026");
        assertThat(Words.dateTime(Instant.parse("2026-12-02T15:05:00Z"))).isEqualTo("2 de dezembro de 2026, às 12:05");
        assertThat(Words.validity(null)).isEqualTo("Indeterminado");
        assertThat(Words.months(1)).isEqualTo("1 mês");
        assertThat(Words.months(null)).isEqualTo("Prazo indeterminado");
        assertThat(Words.reason("CONSENT_EXPIRED")).isEqualTo("O tempo para autorizar na instituição acabou.");
    }
}
