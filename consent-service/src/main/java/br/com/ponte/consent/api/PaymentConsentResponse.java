package br.com.ponte.consent.api;

import br.com.ponte.consent.domain.PaymentConsent;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentConsentResponse(
        String id,
        String status,
        String transmitter,
        String transmitterConsentId,
        Instant creationDateTime,
        Instant statusUpdateDateTime,
        Instant expirationDateTime,
        String redirectUri,
        String authorisationUrl,
        RejectionReason rejectionReason,
        Creditor creditor,
        Payment payment) {

    /** Why it was rejected; {@code rejectedBy} is USER, ASPSP or TPP. */
    public record RejectionReason(String code, String detail, String rejectedBy) {
    }

    public record Creditor(String personType, String cpfCnpj, String name) {
    }

    public record Payment(String type, String date, String currency, String amount, String localInstrument) {
    }

    static PaymentConsentResponse of(PaymentConsent c) {
        return new PaymentConsentResponse(c.id.toString(), c.status.wireValue(), c.transmitter,
                c.transmitterConsentId, c.createdAt, c.statusUpdatedAt, c.expirationDateTime, c.redirectUri,
                c.status == br.com.ponte.consent.domain.ConsentStatus.AWAITING_AUTHORISATION ? c.authorisationUrl : null,
                c.rejectionReasonCode == null ? null
                        : new RejectionReason(c.rejectionReasonCode, c.rejectionReasonDetail, c.rejectedBy),
                new Creditor(c.creditorPersonType, c.creditorCpfCnpj, c.creditorName),
                new Payment("PIX", c.paymentDate == null ? null : c.paymentDate.toString(), c.currency,
                        c.amount.toPlainString(), c.localInstrument));
    }
}
