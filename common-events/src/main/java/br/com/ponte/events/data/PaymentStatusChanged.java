package br.com.ponte.events.data;

import br.com.ponte.events.EventData;

/**
 * {@code payment:status:changed}: a Pix payment moved in its status machine
 * (RCVD, PATC, ACCP, ACPD, ACSC, RJCT, PDNG, SCHD, CANC).
 */
public record PaymentStatusChanged(String paymentId, String consentId, String transmitterPaymentId,
                                   String previousStatus, String status, String rejectionCode,
                                   String rejectionDetail, String endToEndId) implements EventData {
}
