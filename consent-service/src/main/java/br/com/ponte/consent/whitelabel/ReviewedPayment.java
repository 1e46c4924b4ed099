package br.com.ponte.consent.whitelabel;

import br.com.ponte.consent.api.PaymentConsentRequest;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The payment as the user reviews it, written as Brazilians read it: {@code R$ 1.234,56}, a CNPJ
 * with its punctuation, a creditor's CPF masked as Open Finance's experience guide asks, the date
 * in words.
 */
public record ReviewedPayment(String amount, String creditorName, String creditorDocument, String when) {

    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d 'de' MMMM 'de' yyyy", PT_BR);

    static ReviewedPayment of(PaymentConsentRequest request) {
        PaymentConsentRequest.Creditor creditor = request.creditor();
        return new ReviewedPayment(money(new BigDecimal(request.payment().amount())), creditor.name(),
                document(creditor.cpfCnpj()), when(request.payment()));
    }

    static String money(BigDecimal amount) {
        return NumberFormat.getCurrencyInstance(PT_BR).format(amount);
    }

    static String document(String digits) {
        return digits.length() == 14 ? Words.cnpj(digits) : Words.cpf(digits);
    }

    private static String when(PaymentConsentRequest.Payment payment) {
        if (payment.date() != null) {
            return DATE.format(LocalDate.parse(payment.date()));
        }
        if (payment.schedule() instanceof Map<?, ?> schedule && schedule.get("single") instanceof Map<?, ?> single
                && single.get("date") instanceof String date) {
            return "Agendado para " + DATE.format(LocalDate.parse(date));
        }
        return "Agendado (o banco mostra as datas)";
    }
}
