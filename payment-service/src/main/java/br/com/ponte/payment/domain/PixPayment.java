package br.com.ponte.payment.domain;

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

import java.time.Instant;
import java.util.UUID;

/**
 * A Pix payment a partner initiated on an authorised payment consent. {@link #id} is Ponte's id;
 * {@link #transmitterPaymentId} is the transmitter's, known once it accepted the request.
 */
@Entity
@Table(name = "pix_payment")
public class PixPayment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "partner_id")
    public String partnerId;

    /** The payment consent (consent-service's id) the payment consumes. */
    @Column(name = "consent_id")
    public UUID consentId;

    @Column(name = "transmitter_payment_id")
    public String transmitterPaymentId;

    @Enumerated(EnumType.STRING)
    public PixStatus status;

    /** The transmitter's rejection reason code (e.g. SALDO_INSUFICIENTE) when the status is RJCT. */
    @Column(name = "rejection_code")
    public String rejectionCode;

    @Column(name = "end_to_end_id")
    public String endToEndId;

    @Column(name = "rejection_detail")
    public String rejectionDetail;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "status_updated_at")
    public Instant statusUpdatedAt;

    /** Where the request to the transmitter stands: SENDING, ANSWERED (201 or 422) or FAILED. */
    public String initiation;

    /** Why the initiation FAILED (the transmitter's answer or the transport error). */
    @Column(name = "initiation_error")
    public String initiationError;

    /** The transmitter's authorisation server id in the directory. */
    public String transmitter;

    @Column(name = "transmitter_consent_id")
    public String transmitterConsentId;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    /** The payments API's CreatePixPayment data as sent. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String request;

    /** The consent's data (CreatePaymentConsent.data) the payment was built from. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String consent;

    @Column(name = "next_poll_at")
    public Instant nextPollAt;

    @Column(name = "poll_attempts")
    public int pollAttempts;

    public static final String SENDING = "SENDING";
    public static final String ANSWERED = "ANSWERED";
    public static final String FAILED = "FAILED";

    /**
     * The transmitter reported {@code next}: returns the previous status when it changed, null
     * when it did not. A final status never changes again.
     */
    public PixStatus moveTo(PixStatus next, String code, String detail, Instant now) {
        if (next == status) {
            return null;
        }
        if (status != null && status.isFinal()) {
            throw new IllegalStateException("Pix payment " + id + " is " + status + " and cannot become " + next);
        }
        PixStatus previous = status;
        status = next;
        statusUpdatedAt = now;
        if (next == PixStatus.RJCT || next == PixStatus.CANC) {
            rejectionCode = code;
            rejectionDetail = detail;
        }
        return previous;
    }

    public static Uni<PixPayment> findForPartner(UUID id, String partnerId) {
        return find("id = ?1 and partnerId = ?2", id, partnerId).firstResult();
    }

    public static Uni<PixPayment> findByIdempotencyKey(String partnerId, String key) {
        return find("partnerId = ?1 and idempotencyKey = ?2", partnerId, key).firstResult();
    }

    public static Uni<PixPayment> findByTransmitterPaymentId(String transmitterPaymentId) {
        return find("transmitterPaymentId", transmitterPaymentId).firstResult();
    }
}
