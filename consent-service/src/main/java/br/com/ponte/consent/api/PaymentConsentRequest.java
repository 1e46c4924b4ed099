package br.com.ponte.consent.api;

/**
 * {@code POST /v1/payment-consents}: the {@code data} of Open Finance's payment consent request
 * (payments API v4: {@code loggedUser}, {@code businessEntity}, {@code creditor}, {@code payment},
 * {@code debtorAccount}) plus Ponte's fields: which transmitter (its authorisation server id in the
 * directory), where to send the user back, and optionally the payment to initiate as soon as the
 * user authorises.
 */
public record PaymentConsentRequest(
        String transmitter,
        String redirectUri,
        LoggedUser loggedUser,
        BusinessEntity businessEntity,
        Creditor creditor,
        Payment payment,
        Object debtorAccount,
        AutomaticPayment automaticPayment) {

    /**
     * The Pix payment payment-service initiates on its own once the consent is AUTHORISED.
     *
     * @param cnpjInitiator          the partner's CNPJ, as the payment's {@code cnpjInitiator}
     * @param remittanceInformation  text for the receiver (optional)
     */
    public record AutomaticPayment(String cnpjInitiator, String remittanceInformation) {
    }

    public record Document(String identification, String rel) {
    }

    public record LoggedUser(Document document) {
    }

    public record BusinessEntity(Document document) {
    }

    public record Creditor(String personType, String cpfCnpj, String name) {
    }

    public record Payment(String type, String date, String currency, String amount, Object details, Object schedule) {
    }
}
