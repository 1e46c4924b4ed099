package br.com.ponte.consent.domain;

import br.com.ponte.fapi.PaymentsApi;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A payment consent a partner asked for. The consent guards its own status: only the transitions
 * the payments API allows are possible.
 */
@Entity
@Table(name = "payment_consent")
public class PaymentConsent extends PanacheEntityBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Rejection codes of the payments API used for expiries. */
    public static final String AUTHORISATION_TIMEOUT = "TEMPO_EXPIRADO_AUTORIZACAO";
    public static final String CONSUMPTION_TIMEOUT = "TEMPO_EXPIRADO_CONSUMO";

    @Id
    public UUID id;

    @Column(name = "partner_id")
    public String partnerId;

    public String transmitter;

    @Column(name = "transmitter_consent_id")
    public String transmitterConsentId;

    @Enumerated(EnumType.STRING)
    public ConsentStatus status;

    @Column(name = "logged_user_document")
    public String loggedUserDocument;

    @Column(name = "business_entity_document")
    public String businessEntityDocument;

    @Column(name = "creditor_name")
    public String creditorName;

    @Column(name = "creditor_person_type")
    public String creditorPersonType;

    @Column(name = "creditor_cpf_cnpj")
    public String creditorCpfCnpj;

    public BigDecimal amount;

    public String currency;

    @Column(name = "payment_date")
    public LocalDate paymentDate;

    @Column(name = "local_instrument")
    public String localInstrument;

    @Column(name = "redirect_uri")
    public String redirectUri;

    /** The request as the partner sent it (Open Finance consent data), kept for the transmitter call. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "request")
    public String request;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "status_updated_at")
    public Instant statusUpdatedAt;

    /** The deadline of the current window: authorisation, then consumption. */
    @Column(name = "expiration_date_time")
    public Instant expirationDateTime;

    @Column(name = "rejection_reason_code")
    public String rejectionReasonCode;

    @Column(name = "rejection_reason_detail")
    public String rejectionReasonDetail;

    /** USER, ASPSP or TPP (payments API {@code rejectedBy}). */
    @Column(name = "rejected_by")
    public String rejectedBy;

    /** The bank's authorisation endpoint with the pushed request: where the user is sent. */
    @Column(name = "authorisation_url")
    public String authorisationUrl;

    /** The partner's {@code x-idempotency-key}, with the SHA-256 of the request it came with. */
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    /** When set, the payment is initiated as soon as the consent is authorised (the partner's payment details). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "automatic_payment")
    public String automaticPayment;

    /** The user (or the transmitter) authorised it: the consumption window starts. */
    public void authorise(Instant now, Duration consumptionWindow) {
        moveTo(ConsentStatus.AUTHORISED, now);
        expirationDateTime = now.plus(consumptionWindow);
    }

    /**
     * The user approved, but the account needs more approvers: PARTIALLY_ACCEPTED until the bank
     * reports AUTHORISED (or REJECTED). The authorisation window keeps running.
     */
    public void partiallyAccept(Instant now) {
        moveTo(ConsentStatus.PARTIALLY_ACCEPTED, now);
    }

    /** Rejected by the user, the transmitter or a timer; final. */
    public void reject(String code, String detail, Instant now) {
        reject("TPP", code, detail, now);
    }

    /**
     * Rejected by {@code by} (USER, ASPSP or TPP); final. Its authorisation is forgotten with the event
     * ({@link PaymentConsents#record}).
     */
    public void reject(String by, String code, String detail, Instant now) {
        moveTo(ConsentStatus.REJECTED, now);
        rejectedBy = by;
        rejectionReasonCode = code;
        rejectionReasonDetail = detail;
    }

    /** A payment was accepted (201) or refused with 422 by the transmitter; final. */
    public void consume(Instant now) {
        moveTo(ConsentStatus.CONSUMED, now);
    }

    private void moveTo(ConsentStatus next, Instant now) {
        if (!status.canBecome(next)) {
            throw new IllegalStateException("Consent " + id + " is " + status + " and cannot become " + next);
        }
        status = next;
        statusUpdatedAt = now;
    }

    /** Whether its current window has passed. */
    public boolean isOverdue(Instant now) {
        return !status.isFinal() && !expirationDateTime.isAfter(now);
    }

    /**
     * The deadline passed: REJECTED with the code of the window that ran out. Returns the window
     * (AUTHORISATION or CONSUMPTION).
     */
    public String expire(Instant now) {
        boolean authorised = status == ConsentStatus.AUTHORISED;
        reject("ASPSP", authorised ? CONSUMPTION_TIMEOUT : AUTHORISATION_TIMEOUT, authorised
                ? "Not consumed within the consumption window" : "Not authorised within the authorisation window", now);
        return authorised ? "CONSUMPTION" : "AUTHORISATION";
    }

    /** Whether the consent schedules several payments (daily, weekly, monthly or custom), one per date. */
    public boolean hasRecurringSchedule() {
        try {
            return PaymentsApi.recurring(JSON.readTree(request));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static PaymentConsent awaitingAuthorisation(String partnerId, Instant now, Duration authorisationWindow) {
        PaymentConsent consent = new PaymentConsent();
        consent.id = UUID.randomUUID();
        consent.partnerId = partnerId;
        consent.status = ConsentStatus.AWAITING_AUTHORISATION;
        consent.createdAt = now;
        consent.statusUpdatedAt = now;
        consent.expirationDateTime = now.plus(authorisationWindow);
        return consent;
    }

    public static Uni<PaymentConsent> findForPartner(UUID id, String partnerId) {
        return find("id = ?1 and partnerId = ?2", id, partnerId).firstResult();
    }

    public static Uni<PaymentConsent> findByIdempotencyKey(String partnerId, String key) {
        return find("partnerId = ?1 and idempotencyKey = ?2", partnerId, key).firstResult();
    }

}
