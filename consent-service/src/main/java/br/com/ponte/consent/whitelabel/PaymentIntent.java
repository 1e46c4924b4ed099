package br.com.ponte.consent.whitelabel;

import br.com.ponte.consent.api.PaymentConsentRequest;
import br.com.ponte.events.EventCodec;
import com.fasterxml.jackson.core.JsonProcessingException;
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

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A payment on the whitelabel track: the partner's consent request without the bank, waiting for
 * the user to choose one on Ponte's screens. Its random id is in the screens' URL and is all the
 * user needs, so it is never guessable; the choice must come within the authorisation window.
 */
@Entity
@Table(name = "payment_intent")
public class PaymentIntent extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "partner_id")
    public String partnerId;

    /** As stored: AWAITING_BANK_CHOICE or BANK_CHOSEN; see {@link #statusAt(Instant)}. */
    @Enumerated(EnumType.STRING)
    public IntentStatus status;

    /** The partner's request as sent ({@link PaymentConsentRequest} without {@code transmitter}). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "request")
    public String request;

    /** The bank the user chose (its authorisation server id). */
    public String transmitter;

    /** The consent made for the choice; the latest one when the user had to choose again. */
    @Column(name = "consent_id")
    public UUID consentId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "status_updated_at")
    public Instant statusUpdatedAt;

    /** Until when a bank can be chosen. */
    @Column(name = "expiration_date_time")
    public Instant expirationDateTime;

    public static PaymentIntent awaitingBankChoice(String partnerId, PaymentConsentRequest request, Instant now,
                                                   Duration choiceWindow) {
        PaymentIntent intent = new PaymentIntent();
        intent.id = UUID.randomUUID();
        intent.partnerId = partnerId;
        intent.status = IntentStatus.AWAITING_BANK_CHOICE;
        intent.request = EventCodec.toTree(request).toString();
        intent.createdAt = now;
        intent.statusUpdatedAt = now;
        intent.expirationDateTime = now.plus(choiceWindow);
        return intent;
    }

    /** The status at {@code now}: an intent still waiting for a choice past its deadline is EXPIRED. */
    public IntentStatus statusAt(Instant now) {
        return status == IntentStatus.AWAITING_BANK_CHOICE && !acceptsChoiceAt(now) ? IntentStatus.EXPIRED : status;
    }

    /** Whether a bank can (still, or again) be chosen at {@code now}. */
    public boolean acceptsChoiceAt(Instant now) {
        return now.isBefore(expirationDateTime);
    }

    /** The user chose {@code bank}, and {@code consent} was made for it. */
    public void chose(String bank, UUID consent, Instant now) {
        if (!acceptsChoiceAt(now)) {
            throw new IllegalStateException("Payment intent " + id + " expired at " + expirationDateTime);
        }
        transmitter = bank;
        consentId = consent;
        status = IntentStatus.BANK_CHOSEN;
        statusUpdatedAt = now;
    }

    public PaymentConsentRequest consentRequest() {
        try {
            return EventCodec.mapper().readValue(request, PaymentConsentRequest.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("payment_intent.request of " + id + " is not a consent request", e);
        }
    }

    /** Where the user's screens for this intent are, under consent-service's public URL. */
    public String screenPath() {
        return "/whitelabel/payments/" + id;
    }

    public static Uni<PaymentIntent> findForPartner(UUID id, String partnerId) {
        return find("id = ?1 and partnerId = ?2", id, partnerId).firstResult();
    }
}
