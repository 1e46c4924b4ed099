package br.com.ponte.consent.api;

/**
 * {@code POST /v1/payment-consents}: the {@code data} of Open Finance's payment consent request
 * (payments API v4) plus which transmitter to use and where to send the user back.
 */
public record PaymentConsentRequest(
        String transmitter,
        String redirectUri,
        LoggedUser loggedUser,
        BusinessEntity businessEntity,
        Creditor creditor,
        Payment payment) {

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
