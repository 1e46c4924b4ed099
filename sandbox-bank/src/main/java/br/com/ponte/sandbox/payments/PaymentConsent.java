package br.com.ponte.sandbox.payments;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * A payment consent (payments v4) and its lifecycle, which it guards itself: created
 * AWAITING_AUTHORISATION with {@code authorisation-timeout} to be decided; AUTHORISED with
 * {@code consumption-timeout} to be used (or PARTIALLY_ACCEPTED first, when the debtor account
 * needs a second approver); REJECTED or CONSUMED for good. {@code data} is the initiator's
 * {@code data} claim as it was accepted; {@code paidDates} the days its payments settle on.
 *
 * <p>The spec has a consent CONSUMED once the payment it is for is initiated. For a schedule that
 * payment is one per date, normally all sent in one request: the consent is CONSUMED when every date
 * has its payment, and stays AUTHORISED in between. One whose time to be used runs out with some
 * dates paid is CONSUMED then (its payments stand), with none REJECTED as any other.
 */
public record PaymentConsent(
        String consentId,
        String clientId,
        JsonNode data,
        ConsentStatus status,
        Instant creationDateTime,
        Instant statusUpdateDateTime,
        Instant expirationDateTime,
        Reason rejection,
        JsonNode debtorAccount,
        /** When the second approver of a multi-approver account approves (PARTIALLY_ACCEPTED only). */
        Instant secondApprovalAt,
        List<LocalDate> paidDates) {

    /** A JSON {@code null} read back from the store is no value, as before the restart. */
    public PaymentConsent {
        debtorAccount = debtorAccount == null || debtorAccount.isNull() ? null : debtorAccount;
        paidDates = paidDates == null ? List.of() : List.copyOf(paidDates);
    }

    /** The debtor account number that needs two approvers: authorising yields PARTIALLY_ACCEPTED. */
    public static final String MULTI_APPROVER_ACCOUNT = "9999999999";

    static PaymentConsent create(String consentId, String clientId, JsonNode data, Instant now,
                                 Duration authorisationTimeout) {
        return new PaymentConsent(consentId, clientId, data, ConsentStatus.AWAITING_AUTHORISATION, now, now,
                now.plus(authorisationTimeout), null, data.path("debtorAccount").isObject() ? data.get("debtorAccount") : null,
                null, List.of());
    }

    /**
     * The user approved, paying from {@code account}: AUTHORISED, to be consumed within
     * {@code consumptionTimeout}; PARTIALLY_ACCEPTED until {@code secondApproval} for a
     * multi-approver account.
     */
    PaymentConsent authorise(JsonNode account, Instant now, Duration consumptionTimeout, Duration secondApproval) {
        boolean multiApprover = MULTI_APPROVER_ACCOUNT.equals(account.path("number").asText());
        ConsentStatus next = multiApprover ? ConsentStatus.PARTIALLY_ACCEPTED : ConsentStatus.AUTHORISED;
        return new PaymentConsent(consentId, clientId, data, checked(next), creationDateTime, now,
                now.plus(consumptionTimeout), null, account, multiApprover ? now.plus(secondApproval) : null, paidDates);
    }

    PaymentConsent reject(Reason reason, Instant now) {
        return new PaymentConsent(consentId, clientId, data, checked(ConsentStatus.REJECTED), creationDateTime, now,
                expirationDateTime, reason, debtorAccount, null, paidDates);
    }

    PaymentConsent consume(Instant now) {
        return new PaymentConsent(consentId, clientId, data, checked(ConsentStatus.CONSUMED), creationDateTime, now,
                expirationDateTime, null, debtorAccount, null, paidDates);
    }

    /** Payments were accepted for these days: CONSUMED when no scheduled date is left without one. */
    PaymentConsent pay(List<LocalDate> dates, Instant now) {
        if (status != ConsentStatus.AUTHORISED) {
            throw new IllegalStateException("Consent " + consentId + " takes no payment in " + status);
        }
        List<LocalDate> paid = Stream.concat(paidDates.stream(), dates.stream()).toList();
        PaymentConsent recorded = new PaymentConsent(consentId, clientId, data, status, creationDateTime,
                statusUpdateDateTime, expirationDateTime, null, debtorAccount, null, paid);
        return paid.containsAll(scheduledDates()) ? recorded.consume(now) : recorded;
    }

    /** What the passing of time has made of the consent by {@code now}: expiry, the second approval. */
    PaymentConsent at(Instant now) {
        if (status == ConsentStatus.AWAITING_AUTHORISATION && !now.isBefore(expirationDateTime)) {
            return reject(new Reason("TEMPO_EXPIRADO_AUTORIZACAO",
                    "O usuário não confirmou o consentimento e o mesmo expirou."), expirationDateTime);
        }
        if (status == ConsentStatus.PARTIALLY_ACCEPTED && !now.isBefore(secondApprovalAt)) {
            return new PaymentConsent(consentId, clientId, data, checked(ConsentStatus.AUTHORISED), creationDateTime,
                    secondApprovalAt, expirationDateTime, null, debtorAccount, null, paidDates).at(now);
        }
        if ((status == ConsentStatus.AUTHORISED || status == ConsentStatus.PARTIALLY_ACCEPTED)
                && !now.isBefore(expirationDateTime)) {
            return paidDates.isEmpty() ? reject(new Reason("TEMPO_EXPIRADO_CONSUMO",
                    "O usuário não finalizou o fluxo de pagamento e o consentimento expirou."), expirationDateTime)
                    : consume(expirationDateTime);
        }
        return this;
    }

    JsonNode payment() {
        return data.path("payment");
    }

    public String amount() {
        return payment().path("amount").asText();
    }

    public String creditorName() {
        return data.path("creditor").path("name").asText();
    }

    /** The days of {@code payment.schedule}, in its order; none for an immediate payment. */
    public List<LocalDate> scheduledDates() {
        return PaymentSchedule.of(payment()).map(PaymentSchedule::dates).orElse(List.of());
    }

    private ConsentStatus checked(ConsentStatus next) {
        if (!status.canBecome(next)) {
            throw new IllegalStateException("Consent " + consentId + " cannot go from " + status + " to " + next);
        }
        return next;
    }
}
