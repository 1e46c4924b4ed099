package br.com.ponte.fapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** What Ponte's services share about Open Finance's payments API (v4): its directory families and bodies. */
public final class PaymentsApi {

    /** The directory's API family of payment consents ({@code .../payments/v4/consents}). */
    public static final String CONSENTS = "payments-consents";
    /** The directory's API family of Pix payments ({@code .../payments/v4/pix/payments}). */
    public static final String PIX = "payments-pix";

    private PaymentsApi() {
    }

    /** {@code PatchPixPayment.data}: cancel, on behalf of the user with this CPF. */
    public static Map<String, Object> cancellation(String cpf) {
        return Map.of("status", "CANC",
                "cancellation", Map.of("cancelledBy", Map.of("document", Map.of("identification", cpf, "rel", "CPF"))));
    }

    /**
     * Whether a consent ({@code CreatePaymentConsent.data}) schedules several payments, one per date
     * (daily, weekly, monthly, custom), rather than a single one.
     */
    public static boolean recurring(JsonNode consentData) {
        JsonNode schedule = consentData.path("payment").path("schedule");
        return schedule.isObject() && !schedule.has("single");
    }
}
