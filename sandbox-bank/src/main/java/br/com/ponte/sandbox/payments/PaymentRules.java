package br.com.ponte.sandbox.payments;

import br.com.ponte.sandbox.resource.ApiError;
import br.com.ponte.sandbox.resource.WireFormat;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The business rules payments v4 sets beyond its schemas, for a consent (422s of items 1.3.2) and
 * for a payment against its consent (items 2.2.2).
 */
final class PaymentRules {

    private static final List<String> WITH_PROXY = List.of("DICT", "INIC", "QRDN", "QRES");
    /** The date in an endToEndId ({@code E} and the ISPB come before it). */
    private static final int END_TO_END_DATE = 9;

    private PaymentRules() {
    }

    static void checkConsent(JsonNode data) {
        JsonNode payment = data.path("payment");
        boolean dated = payment.has("date");
        if (dated == payment.has("schedule")) {
            throw ApiError.invalidParameter("Informe payment.date ou payment.schedule, um e só um.");
        }
        if (dated && !WireFormat.date(payment.get("date"), "payment.date").equals(WireFormat.today())) {
            throw PaymentRules.invalidPaymentDate(
                    "payment.date deve ser a data de hoje (horário de Brasília) para um pagamento imediato.");
        }
        String localInstrument = payment.path("details").path("localInstrument").asText();
        PaymentSchedule.of(payment).ifPresent(schedule -> schedule.check(WireFormat.today(), localInstrument));
        if (!"BRL".equals(payment.path("currency").asText())) {
            throw ApiError.invalidParameter("Parâmetro payment.currency deve ser BRL.");
        }
        checkDetails(localInstrument, payment.path("details"), "details");
    }

    /**
     * The days the items of a payment request settle on, each its {@code endToEndId}'s (a scheduled
     * payment's is its date, at 15:00 UTC). An immediate consent takes one item; a scheduled one an item
     * per date of its schedule that has no payment yet (else {@code PAGAMENTO_DIVERGENTE_CONSENTIMENTO}).
     */
    static List<LocalDate> checkDates(JsonNode items, PaymentConsent consent) {
        List<LocalDate> scheduled = consent.scheduledDates();
        if (scheduled.isEmpty() && items.size() != 1) {
            throw ApiError.invalidParameter("Quantidade permitida de pagamentos excedida: o consentimento é de um "
                    + "pagamento só.");
        }
        List<LocalDate> dates = new ArrayList<>();
        for (JsonNode item : items) {
            LocalDate date = settlementDate(item);
            if (!scheduled.isEmpty() && !scheduled.contains(date)) {
                throw divergent("endToEndId (" + date + " não é uma data do agendamento)");
            }
            dates.add(date);
        }
        requireUnpaid(dates, consent);
        return dates;
    }

    /** Each date once, and none the consent already has a payment for. */
    static void requireUnpaid(List<LocalDate> dates, PaymentConsent consent) {
        Set<LocalDate> taken = new HashSet<>(consent.paidDates());
        for (LocalDate date : dates) {
            if (!taken.add(date)) {
                throw divergent("endToEndId (já há pagamento para " + date + ")");
            }
        }
    }

    /** The payment must be what the consent says, and be well formed for its local instrument. */
    static void checkAgainstConsent(JsonNode item, PaymentConsent consent) {
        JsonNode details = consent.payment().path("details");
        String localInstrument = item.path("localInstrument").asText();
        checkDetails(localInstrument, item, "payment");
        if (item.has("consentId") && !consent.consentId().equals(item.get("consentId").asText())) {
            throw divergent("consentId");
        }
        if (!consent.amount().equals(item.path("payment").path("amount").asText())
                || !consent.payment().path("currency").equals(item.path("payment").path("currency"))) {
            throw divergent("payment");
        }
        if (!details.path("localInstrument").asText().equals(localInstrument)) {
            throw divergent("localInstrument");
        }
        if (!details.path("creditorAccount").equals(item.path("creditorAccount"))) {
            throw divergent("creditorAccount");
        }
        if (!Objects.equals(details.path("proxy").asText(null), item.path("proxy").asText(null))) {
            throw divergent("proxy");
        }
    }

    private static void checkDetails(String localInstrument, JsonNode details, String where) {
        boolean hasProxy = details.hasNonNull("proxy");
        if ("MANU".equals(localInstrument) && hasProxy) {
            throw PaymentRules.invalidPaymentDetail("Parâmetro " + where + ".proxy não deve ser informado para MANU.");
        }
        if (WITH_PROXY.contains(localInstrument) && !hasProxy) {
            throw PaymentRules.invalidPaymentDetail("Parâmetro " + where + ".proxy é obrigatório para "
                    + localInstrument + ".");
        }
        if (localInstrument.startsWith("QR") && !details.hasNonNull("qrCode")) {
            throw PaymentRules.invalidPaymentDetail("Parâmetro " + where + ".qrCode é obrigatório para "
                    + localInstrument + ".");
        }
    }

    /**
     * The day in the item's endToEndId ({@code yyyyMMdd}); a day that does not exist (the 30th of
     * February, say) is 422 {@code PARAMETRO_INVALIDO} "Data de liquidação inválida", as the spec has it.
     */
    private static LocalDate settlementDate(JsonNode item) {
        String endToEndId = item.path("endToEndId").asText();
        try {
            return LocalDate.parse(endToEndId.substring(END_TO_END_DATE, END_TO_END_DATE + 8),
                    DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            throw ApiError.invalidParameter("Data de liquidação inválida");
        }
    }

    static ApiError invalidPaymentDetail(String detail) {
        return ApiError.unprocessable("DETALHE_PAGAMENTO_INVALIDO", "Detalhe do pagamento inválido.", detail);
    }

    static ApiError invalidPaymentDate(String detail) {
        return ApiError.unprocessable("DATA_PAGAMENTO_INVALIDA", "Data de pagamento inválida.", detail);
    }

    private static ApiError divergent(String field) {
        return ApiError.unprocessable("PAGAMENTO_DIVERGENTE_CONSENTIMENTO",
                "Divergência entre pagamento e consentimento.",
                "Dados do pagamento divergentes dos dados do consentimento: " + field + ".");
    }
}
