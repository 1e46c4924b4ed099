package br.com.ponte.sandbox.sharing;

import br.com.ponte.sandbox.payments.Reason;

/**
 * Why a data-sharing consent is REJECTED (consents v3 {@code rejection}): who rejected it and the
 * reason, with a line for people ({@code additionalInformation}).
 */
public record Rejection(RejectedBy rejectedBy, Reason reason, String additionalInformation) {

    /** {@code EnumRejectedBy}. */
    public enum RejectedBy {
        USER, ASPSP, TPP
    }

    /** {@code rejection.reason.code}. */
    public enum Reason {
        CONSENT_EXPIRED,
        CUSTOMER_MANUALLY_REJECTED,
        CUSTOMER_MANUALLY_REVOKED,
        CONSENT_MAX_DATE_REACHED,
        CONSENT_TECHNICAL_ISSUE,
        INTERNAL_SECURITY_REASON
    }

    /** The user said no at the bank (or the receiving institution deleted the consent before the user decided). */
    static Rejection rejectedByUser() {
        return new Rejection(RejectedBy.USER, Reason.CUSTOMER_MANUALLY_REJECTED, "O cliente recusou o compartilhamento.");
    }

    /** The user revoked an authorised consent, at the bank or through the receiving institution. */
    static Rejection revokedByUser() {
        return new Rejection(RejectedBy.USER, Reason.CUSTOMER_MANUALLY_REVOKED, "O cliente revogou o compartilhamento.");
    }

    /** Not decided within the time to authorise. */
    static Rejection authorisationExpired() {
        return new Rejection(RejectedBy.ASPSP, Reason.CONSENT_EXPIRED,
                "O cliente não confirmou o consentimento a tempo.");
    }

    /** Its {@code expirationDateTime} was reached. */
    static Rejection maxDateReached() {
        return new Rejection(RejectedBy.ASPSP, Reason.CONSENT_MAX_DATE_REACHED,
                "O consentimento chegou à sua data de expiração.");
    }
}
