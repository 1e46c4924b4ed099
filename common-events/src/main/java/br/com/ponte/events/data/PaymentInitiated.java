package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

/**
 * {@code payment:initiated}: the transmitter answered Ponte's request to create a Pix payment, with
 * the payment (HTTP 201) or a refusal (HTTP 422). Both consume the consent; any other answer is no
 * initiation and leaves the consent AUTHORISED.
 *
 * @param transmitterHttpStatus 201 or 422
 * @param status                the payment's first Pix status (RCVD, PDNG, SCHD, ...); RJCT on a 422
 * @param rejectionCode         on a 422, the transmitter's error code, e.g. {@code DETALHE_PAGAMENTO_INVALIDO}
 */
public record PaymentInitiated(String paymentId, String consentId, String transmitterConsentId,
                               String transmitterPaymentId, int transmitterHttpStatus, String status,
                               String rejectionCode, String rejectionDetail, String endToEndId) implements EventData {
}
