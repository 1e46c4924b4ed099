package br.com.ponte.consent.whitelabel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WhitelabelTextsTest {

    @Test
    void titlesAndButtonsAreShortTheRestIsProse() {
        assertThat(TextRecords.maxLength("title")).isEqualTo(80);
        assertThat(TextRecords.maxLength("consentTitle")).isEqualTo(80);
        assertThat(TextRecords.maxLength("finishButton")).isEqualTo(80);
        assertThat(TextRecords.maxLength("consentIntro")).isEqualTo(300);
        assertThat(TextRecords.maxLength("retentionPolicy")).isEqualTo(300);
    }

    @Test
    void eachTextLeftOutTakesItsDefaultProductByProduct() {
        WhitelabelTexts set = new WhitelabelTexts(null, new SharingTexts("Compartilhe", null, null, null, null, null, null,
                null, null, null, null, null, null, null, "Voltar"), null);
        WhitelabelTexts shown = set.orDefaults();
        assertThat(shown.payment()).isEqualTo(PaymentTexts.DEFAULTS);
        assertThat(shown.dashboard()).isEqualTo(DashboardTexts.DEFAULTS);
        assertThat(shown.sharing().consentTitle()).isEqualTo("Compartilhe");
        assertThat(shown.sharing().finishButton()).isEqualTo("Voltar");
        assertThat(shown.sharing().continueButton()).isEqualTo(SharingTexts.DEFAULTS.continueButton());
        assertThat(WhitelabelTexts.DEFAULTS.orDefaults()).isEqualTo(WhitelabelTexts.DEFAULTS);
    }

    @Test
    void theFlatKeysArePaymentTextsAndPaymentsOwnSpellingWins() {
        WhitelabelTextsBody body = new WhitelabelTextsBody(new PaymentTexts(null, null, null, null, null, "Pago!", null, null,
                null), null, null, "Pague", null, null, null, null, "Antigo", null, null, null);
        WhitelabelTexts texts = body.toTexts();
        assertThat(texts.payment().title()).isEqualTo("Pague");
        assertThat(texts.payment().approvedTitle()).isEqualTo("Pago!");
        assertThat(texts.sharing()).isNull();
        assertThat(new WhitelabelTextsBody(null, null, null, null, null, null, null, null, null, null, null, null)
                .toTexts().payment()).as("nothing set, nothing stored").isNull();

        WhitelabelTextsBody read = WhitelabelTextsBody.of(texts.orDefaults());
        assertThat(read.title()).isEqualTo("Pague");
        assertThat(read.goToBankButton()).isEqualTo(PaymentTexts.DEFAULTS.goToBankButton());
        assertThat(read.toTexts()).isEqualTo(texts.orDefaults());
    }
}
