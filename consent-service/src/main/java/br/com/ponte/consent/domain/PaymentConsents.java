package br.com.ponte.consent.domain;

import br.com.ponte.events.EventData;
import br.com.ponte.events.EventTime;
import br.com.ponte.events.data.ConsentApproved;
import br.com.ponte.events.data.ConsentCreateRequested;
import br.com.ponte.events.data.ConsentCreated;
import br.com.ponte.events.data.ConsentRejected;
import br.com.ponte.events.data.PaymentSummary;
import br.com.ponte.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * The consent's state changes, each committed in one transaction with its event (outbox). The
 * calls to the bank happen between these transactions, never inside one.
 */
@ApplicationScoped
public class PaymentConsents {

    private final Outbox outbox;

    public PaymentConsents(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Stores a validated consent, not yet at the bank, and writes {@code before:consent:create} at
     * the time the request was received.
     */
    public Uni<PaymentConsent> open(PaymentConsent consent, Instant receivedAt) {
        String subject = consent.id.toString();
        return Panache.withTransaction(() -> consent.<PaymentConsent>persist()
                .call(() -> outbox.append(new ConsentCreateRequested(subject, consent.transmitter, summary(consent),
                        consent.redirectUri), subject, consent.partnerId, receivedAt)));
    }

    /**
     * The bank created the consent: its id and the redirect are kept, the PKCE verifier sealed, and
     * {@code after:consent:create} written. A second call (a retried request) changes nothing.
     */
    public Uni<PaymentConsent> createdAtBank(UUID id, String transmitterConsentId, String authorisationUrl, String state,
                                             String nonce, Function<PaymentConsent, PaymentConsent> sealVerifier) {
        return change(id, consent -> {
            if (consent.transmitterConsentId != null || consent.status.isFinal()) {
                return Uni.createFrom().item(consent);
            }
            consent.transmitterConsentId = transmitterConsentId;
            consent.authorisationUrl = authorisationUrl;
            consent.authorisationState = state;
            consent.authorisationNonce = nonce;
            sealVerifier.apply(consent);
            return append(consent, new ConsentCreated(consent.id.toString(), consent.transmitter, transmitterConsentId,
                    consent.status.wireValue(), consent.expirationDateTime, summary(consent)), EventTime.now());
        });
    }

    /** The bank refused the consent (422): REJECTED by the ASPSP, {@code consent:rejected}. */
    public Uni<PaymentConsent> refusedByBank(UUID id, String code, String detail) {
        return rejected(id, "ASPSP", code, detail);
    }

    /** Rejected by the user at the bank (or by the bank while the user was there): {@code consent:rejected}. */
    public Uni<PaymentConsent> rejected(UUID id, String by, String code, String detail) {
        return change(id, consent -> {
            if (consent.status.isFinal()) {
                return Uni.createFrom().item(consent);
            }
            Instant now = EventTime.now();
            consent.reject(by, code, detail, now);
            return append(consent, new ConsentRejected(consent.id.toString(), consent.transmitterConsentId,
                    consent.status.wireValue(), by, code, detail), now);
        });
    }

    /**
     * The user approved at the bank: AUTHORISED (the consumption window starts) or, for an account
     * needing more approvers, PARTIALLY_ACCEPTED; {@code consent:approved} either way, with the status.
     * {@code sealTokens} keeps the user's tokens.
     */
    public Uni<PaymentConsent> approved(UUID id, boolean partially, java.time.Duration consumptionWindow,
                                        Function<PaymentConsent, PaymentConsent> sealTokens) {
        return change(id, consent -> {
            Instant now = EventTime.now();
            if (partially) {
                if (consent.status != ConsentStatus.AWAITING_AUTHORISATION) {
                    return Uni.createFrom().item(consent);
                }
                consent.partiallyAccept(now);
            } else {
                if (consent.status != ConsentStatus.AWAITING_AUTHORISATION && consent.status != ConsentStatus.PARTIALLY_ACCEPTED) {
                    return Uni.createFrom().item(consent);
                }
                consent.authorise(now, consumptionWindow);
            }
            consent.authorisationState = null;
            if (sealTokens != null) {
                sealTokens.apply(consent);
            }
            return append(consent, new ConsentApproved(consent.id.toString(), consent.transmitterConsentId,
                    consent.status.wireValue(), now, consent.expirationDateTime), now);
        });
    }

    /** Loads the consent in a transaction, locked, applies {@code change} and commits. */
    public Uni<PaymentConsent> change(UUID id, Function<PaymentConsent, Uni<PaymentConsent>> change) {
        return Panache.withTransaction(() -> PaymentConsent.<PaymentConsent>findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .chain(consent -> consent == null ? Uni.createFrom().nullItem() : change.apply(consent)));
    }

    /** Writes an event of this consent; runs inside the caller's transaction. */
    public Uni<PaymentConsent> append(PaymentConsent consent, EventData event, Instant time) {
        String subject = consent.id.toString();
        return outbox.append(event, subject, consent.partnerId, time).replaceWith(consent);
    }

    static PaymentSummary summary(PaymentConsent consent) {
        return new PaymentSummary(consent.amount.toPlainString(), consent.currency,
                consent.paymentDate == null ? null : consent.paymentDate.toString(), consent.creditorName,
                consent.creditorCpfCnpj, consent.localInstrument);
    }
}
