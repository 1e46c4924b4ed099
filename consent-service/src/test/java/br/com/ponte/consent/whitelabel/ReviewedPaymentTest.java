package br.com.ponte.consent.whitelabel;

import br.com.ponte.consent.api.PaymentConsentRequest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewedPaymentTest {

    @Test
    void amountsAreWrittenInReais() {
        assertThat(ReviewedPayment.money(new BigDecimal("1234.56"))).isEqualTo("R$\u00a01.234,56");
        assertThat(ReviewedPayment.money(new BigDecimal("0.50"))).isEqualTo("R$\u00a00,50");
        assertThat(ReviewedPayment.money(new BigDecimal("1000000.00"))).isEqualTo("R$\u00a01.000.000,00");
    }

    @Test
    void aCnpjIsPunctuatedAndACreditorsCpfMasked() {
        assertThat(ReviewedPayment.document("11222333000181")).isEqualTo("11.222.333/0001-81");
        assertThat(ReviewedPayment.document("11144477735")).isEqualTo("***.444.777-**");
    }

    @Test
    void theDateIsInWordsAndAScheduleSaysSo() {
        assertThat(review(new PaymentConsentRequest.Payment("PIX", "2026-03-05", "BRL", "10.00", null, null)).when())
                .isEqualTo("5 de março de 2026");
        assertThat(review(new PaymentConsentRequest.Payment("PIX", null, "BRL", "10.00", null,
                Map.of("single", Map.of("date", "2026-12-01")))).when()).isEqualTo("Agendado para 1 de dezembro de 2026");
    }

    private static ReviewedPayment review(PaymentConsentRequest.Payment payment) {
        return ReviewedPayment.of(new PaymentConsentRequest(null, "https://p.example", null, null,
                new PaymentConsentRequest.Creditor("PESSOA_JURIDICA", "11222333000181", "Padaria"), payment, null, null));
    }
}
