package br.com.ponte.sandbox.payments;

/** The payments v4 API's paths, on {@code sandbox.base-url} (and on the initiators' webhook URIs). */
final class PaymentsPaths {

    static final String BASE = "/open-banking/payments/v4";
    /** The scope every payments API call needs. */
    static final String SCOPE = "payments";
    static final String CONSENTS = BASE + "/consents";
    static final String PIX_PAYMENTS = BASE + "/pix/payments";

    private PaymentsPaths() {
    }

    static String consent(String consentId) {
        return CONSENTS + "/" + consentId;
    }

    static String pixPayment(String paymentId) {
        return PIX_PAYMENTS + "/" + paymentId;
    }

    /** Where all the Pix payments of a consent are cancelled at once. */
    static String pixPaymentsOfConsent(String consentId) {
        return PIX_PAYMENTS + "/consents/" + consentId;
    }
}
