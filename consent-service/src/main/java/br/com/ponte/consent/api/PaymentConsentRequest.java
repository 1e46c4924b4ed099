package br.com.ponte.consent.api;

import br.com.ponte.consent.domain.PaymentConsent;
import br.com.ponte.events.EventCodec;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

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
     * This request for the bank the user chose on the whitelabel screens, sending the user back to
     * {@code redirectUri} (Ponte's result page) rather than to the partner's.
     */
    public PaymentConsentRequest forBank(String chosenTransmitter, String returnUri) {
        return new PaymentConsentRequest(chosenTransmitter, returnUri, loggedUser, businessEntity, creditor, payment,
                debtorAccount, automaticPayment);
    }

    /**
     * A new consent for this validated request, awaiting authorisation from {@code receivedAt}; the
     * request itself is kept as JSON for the call to the transmitter.
     */
    public PaymentConsent toConsent(String partnerId, Instant receivedAt, Duration authorisationWindow) {
        PaymentConsent consent = PaymentConsent.awaitingAuthorisation(partnerId, receivedAt, authorisationWindow);
        consent.transmitter = transmitter.strip();
        consent.redirectUri = redirectUri;
        consent.loggedUserDocument = loggedUser.document().identification();
        if (businessEntity != null && businessEntity.document() != null) {
            consent.businessEntityDocument = businessEntity.document().identification();
        }
        consent.creditorName = creditor.name();
        consent.creditorPersonType = creditor.personType();
        consent.creditorCpfCnpj = creditor.cpfCnpj();
        consent.amount = new BigDecimal(payment.amount());
        consent.currency = payment.currency();
        consent.paymentDate = payment.date() == null ? null : LocalDate.parse(payment.date());
        if (payment.details() instanceof Map<?, ?> details && details.get("localInstrument") instanceof String li) {
            consent.localInstrument = li;
        }
        consent.request = EventCodec.toTree(this).toString();
        if (automaticPayment != null) {
            consent.automaticPayment = EventCodec.toTree(automaticPayment).toString();
        }
        return consent;
    }

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
