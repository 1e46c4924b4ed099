package br.com.ponte.payment.api;

/**
 * {@code POST /v1/pix/payments}: which authorised consent to pay, and what the payments API needs
 * beyond the consent. Amount, creditor account, proxy or QR code come from the consent itself.
 *
 * @param cnpjInitiator             the partner's CNPJ (the payment initiator's)
 * @param remittanceInformation     text for the receiver, up to 140 characters
 * @param transactionIdentification the receiver's transaction id (QR codes), when there is one
 * @param date                      for a recurring consent (daily, weekly, monthly, custom schedule): which
 *                                  of its dates this payment is for ({@code yyyy-MM-dd}); required there,
 *                                  refused elsewhere
 */
public record PixPaymentRequest(String consentId, String cnpjInitiator, String remittanceInformation,
                                String transactionIdentification, String date) {
}
