package br.com.ponte.payment.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "status_updated_at")
    public Instant statusUpdatedAt;

    public static Uni<PixPayment> findForPartner(UUID id, String partnerId) {
        return find("id = ?1 and partnerId = ?2", id, partnerId).firstResult();
    }
}
