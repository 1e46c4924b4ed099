package br.com.ponte.payment.bank;

import br.com.ponte.payment.domain.PixStatus;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a transmitter says of a payment ({@code ResponsePixPaymentData}): its status and, for RJCT,
 * the rejection reason; for CANC, the cancellation's reason.
 */
public record PaymentReport(PixStatus status, String code, String detail) {

    public static PaymentReport of(JsonNode data) {
        PixStatus status = PixStatus.fromWireValue(data.path("status").asText());
        JsonNode rejection = data.path("rejectionReason");
        if (rejection.isObject()) {
            return new PaymentReport(status, rejection.path("code").asText(null), rejection.path("detail").asText(null));
        }
        JsonNode cancellation = data.path("cancellation");
        if (status == PixStatus.CANC && cancellation.isObject()) {
            return new PaymentReport(status, cancellation.path("reason").asText(null), null);
        }
        return new PaymentReport(status, null, null);
    }
}
