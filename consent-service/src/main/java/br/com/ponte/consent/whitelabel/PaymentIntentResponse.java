package br.com.ponte.consent.whitelabel;

import br.com.ponte.consent.api.PaymentConsentResponse.RejectionReason;
import br.com.ponte.consent.domain.PaymentConsent;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A payment intent as the partner reads it: its status, the URL of the user's screens and, once the
 * user chose a bank, the consent made for it with its current status and rejection reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentIntentResponse(
        String id,
        IntentStatus status,
        String url,
        Instant creationDateTime,
        Instant expirationDateTime,
        String transmitter,
        String consentId,
        String consentStatus,
        RejectionReason rejectionReason) {

    static PaymentIntentResponse of(PaymentIntent intent, PaymentConsent consent, String url, Instant now) {
        return new PaymentIntentResponse(intent.id.toString(), intent.statusAt(now), url, intent.createdAt,
                intent.expirationDateTime, intent.transmitter,
                consent == null ? null : consent.id.toString(),
                consent == null ? null : consent.status.wireValue(),
                consent == null || consent.rejectionReasonCode == null ? null
                        : new RejectionReason(consent.rejectionReasonCode, consent.rejectionReasonDetail, consent.rejectedBy));
    }
}
