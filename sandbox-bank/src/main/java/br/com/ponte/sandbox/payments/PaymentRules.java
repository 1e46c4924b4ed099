package br.com.ponte.sandbox.payments;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * The business rules payments v4 sets beyond its schemas, for a consent (422s of items 1.3.2) and
 * for a payment against its consent (items 2.2.2).
 */
final class PaymentRules {

    /** Scheduled dates: from tomorrow, at most two years ahead (the spec's limit for schedules). */
    static final int MAX_SCHEDULE_DAYS = 730;
    private static final List<String> WITH_PROXY = List.of("DICT", "INIC", "QRDN", "QRES");

    private PaymentRules() {
    }

    static void checkConsent(JsonNode data) {
        JsonNode payment = data.path("payment");
        boolean dated = payment.has("date");
        JsonNode schedule = payment.path("schedule");
        if (dated == !schedule.isMissingNode()) {
            throw PaymentsError.invalidParameter("Informe payment.date ou payment.schedule, um e só um.");
        }
        if (dated && !date(payment.get("date"), "payment.date").equals(WireFormat.today())) {
            throw dateError("payment.date deve ser a data de hoje (horário de Brasília) para um pagamento imediato.");
        }
        if (!dated) {
            if (!schedule.has("single")) {
                throw PaymentsError.unprocessable("FORMA_PAGAMENTO_INVALIDA", "Forma de pagamento inválida.",
                        "Forma de pagamento schedule não suportada: o sandbox agenda só pagamentos únicos (single).");
            }
            LocalDate date = date(schedule.path("single").path("date"), "schedule.single.date");
            LocalDate today = WireFormat.today();
            if (!date.isAfter(today) || date.isAfter(today.plusDays(MAX_SCHEDULE_DAYS))) {
                throw dateError("schedule.single.date deve estar entre amanhã e " + MAX_SCHEDULE_DAYS + " dias.");
            }
        }
        if (!"BRL".equals(payment.path("currency").asText())) {
            throw PaymentsError.invalidParameter("Parâmetro payment.currency deve ser BRL.");
        }
        checkDetails(payment.path("details").path("localInstrument").asText(), payment.path("details"), "details");
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
            throw PaymentsError.invalidPaymentDetail("Parâmetro " + where + ".proxy não deve ser informado para MANU.");
        }
        if (WITH_PROXY.contains(localInstrument) && !hasProxy) {
            throw PaymentsError.invalidPaymentDetail("Parâmetro " + where + ".proxy é obrigatório para "
                    + localInstrument + ".");
        }
        if (localInstrument.startsWith("QR") && !details.hasNonNull("qrCode")) {
            throw PaymentsError.invalidPaymentDetail("Parâmetro " + where + ".qrCode é obrigatório para "
                    + localInstrument + ".");
        }
    }

    private static LocalDate date(JsonNode value, String name) {
        try {
            return LocalDate.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw PaymentsError.invalidParameter("Parâmetro " + name + " não é uma data (AAAA-MM-DD).");
        }
    }

    private static PaymentsError dateError(String detail) {
        return PaymentsError.unprocessable("DATA_PAGAMENTO_INVALIDA", "Data de pagamento inválida.", detail);
    }

    private static PaymentsError divergent(String field) {
        return PaymentsError.unprocessable("PAGAMENTO_DIVERGENTE_CONSENTIMENTO",
                "Divergência entre pagamento e consentimento.",
                "Dados do pagamento divergentes dos dados do consentimento: " + field + ".");
    }
}
