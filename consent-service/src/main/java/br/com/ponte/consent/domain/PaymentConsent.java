package br.com.ponte.consent.domain;

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

    /** An unauthorised consent expires 5 minutes after creation (payments API). */
    public static final Duration AUTHORISATION_WINDOW = Duration.ofMinutes(5);

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

    @Column(name = "expiration_date_time")
    public Instant expirationDateTime;

    public static PaymentConsent awaitingAuthorisation(String partnerId, Instant now) {
        PaymentConsent consent = new PaymentConsent();
        consent.id = UUID.randomUUID();
        consent.partnerId = partnerId;
        consent.status = ConsentStatus.AWAITING_AUTHORISATION;
        consent.createdAt = now;
        consent.statusUpdatedAt = now;
        consent.expirationDateTime = now.plus(AUTHORISATION_WINDOW);
        return consent;
    }

    public static Uni<PaymentConsent> findForPartner(UUID id, String partnerId) {
        return find("id = ?1 and partnerId = ?2", id, partnerId).firstResult();
    }
}
