package br.com.ponte.consent.domain;

import br.com.ponte.consent.authorisation.Authorisations;
import br.com.ponte.consent.authorisation.BankAuthorisations;
import br.com.ponte.consent.authorisation.ConsentKind;
import br.com.ponte.events.EventData;
import br.com.ponte.events.EventTime;
import br.com.ponte.events.data.ConsentApproved;
import br.com.ponte.events.data.ConsentCreateRequested;
import br.com.ponte.events.data.ConsentCreated;
import br.com.ponte.events.data.ConsentRejected;
import br.com.ponte.events.data.ConsentRevoked;
import br.com.ponte.events.data.PaymentSummary;
import br.com.ponte.kit.api.ApiException;
import br.com.ponte.kit.audit.Actor;
import br.com.ponte.kit.audit.Audit;
import br.com.ponte.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The consent's state changes, each committed in one transaction with its event (outbox). The
 * calls to the bank happen between these transactions, never inside one.
 */
@ApplicationScoped
public class PaymentConsents {

    private final Outbox outbox;
    private final Authorisations authorisations;
    private final Audit audit;

    public PaymentConsents(Outbox outbox, Authorisations authorisations, Audit audit) {
        this.outbox = outbox;
        this.authorisations = authorisations;
        this.audit = audit;
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
     * The bank created the consent and its authorisation was pushed: the bank's id, the redirect and
     * the authorisation (PKCE verifier sealed) are kept, and {@code after:consent:create} written. A
     * second call (a retried request) changes nothing.
     */
    public Uni<PaymentConsent> createdAtBank(UUID id, String transmitterConsentId, BankAuthorisations.Pushed pushed) {
        return change(id, consent -> {
            if (consent.transmitterConsentId != null || consent.status.isFinal()) {
                return Uni.createFrom().item(consent);
            }
            consent.transmitterConsentId = transmitterConsentId;
            consent.authorisationUrl = pushed.authorisationUrl();
            return authorisations.pushed(ConsentKind.PAYMENT, consent.id, consent.partnerId, consent.transmitter,
                            transmitterConsentId, pushed)
                    .chain(() -> record(consent, new ConsentCreated(consent.id.toString(), consent.transmitter,
                            transmitterConsentId, consent.status.wireValue(), consent.expirationDateTime, summary(consent)),
                            EventTime.now()));
        });
    }

    /**
     * A fresh redirect for a consent still awaiting the user (the previous one no longer completes).
     * No event: nothing changed at the bank.
     */
    public Uni<PaymentConsent> pushedAgain(UUID id, BankAuthorisations.Pushed pushed) {
        return change(id, consent -> {
            if (consent.status != ConsentStatus.AWAITING_AUTHORISATION) {
                return Uni.createFrom().item(consent);
            }
            consent.authorisationUrl = pushed.authorisationUrl();
            return authorisations.pushed(ConsentKind.PAYMENT, consent.id, consent.partnerId, consent.transmitter,
                    consent.transmitterConsentId, pushed).replaceWith(consent);
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
            return record(consent, new ConsentRejected(consent.id.toString(), consent.transmitterConsentId,
                    consent.status.wireValue(), by, code, detail), now);
        });
    }

    /**
     * The user approved at the bank: AUTHORISED (the consumption window starts) or, for an account
     * needing more approvers, PARTIALLY_ACCEPTED; {@code consent:approved} either way, with the status.
     * {@code tokens}, when given, are the user's, kept with the consent's authorisation.
     */
    public Uni<PaymentConsent> approved(UUID id, boolean partially, java.time.Duration consumptionWindow,
                                        br.com.ponte.fapi.Tokens tokens) {
        return change(id, consent -> {
            Instant now = EventTime.now();
            ConsentStatus next = partially ? ConsentStatus.PARTIALLY_ACCEPTED : ConsentStatus.AUTHORISED;
            if (!consent.status.canBecome(next)) {
                return Uni.createFrom().item(consent);
            }
            if (partially) {
                consent.partiallyAccept(now);
            } else {
                consent.authorise(now, consumptionWindow);
            }
            Uni<Void> kept = tokens == null ? Uni.createFrom().voidItem() : authorisations.keepTokens(consent.id, tokens);
            return kept.chain(() -> record(consent, new ConsentApproved(consent.id.toString(), consent.transmitterConsentId,
                    consent.status.wireValue(), now, consent.expirationDateTime), now));
        });
    }

    /**
     * The partner revokes a consent not used yet, for the user ({@code USER}) or itself ({@code TPP}):
     * REJECTED, its tokens destroyed, {@code consent:revoke}, and the revocation in the audit log, all
     * in one transaction. 422 CONSENTIMENTO_NAO_PERMITE_REVOGACAO once it ended.
     */
    public Uni<PaymentConsent> revoke(UUID id, String revokedBy, String reason, String partnerId) {
        return change(id, consent -> {
            if (consent.status.isFinal()) {
                throw ApiException.unprocessable("CONSENTIMENTO_NAO_PERMITE_REVOGACAO",
                        "The consent is " + consent.status + " and cannot be revoked");
            }
            Instant now = EventTime.now();
            String previous = consent.status.wireValue();
            consent.reject(revokedBy, revokedBy.equals("USER") ? "REJEITADO_USUARIO" : "NAO_INFORMADO", reason, now);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("revokedBy", revokedBy);
            details.put("previousStatus", previous);
            details.put("transmitter", consent.transmitter);
            details.put("reasonCode", consent.rejectionReasonCode);
            return record(consent, new ConsentRevoked(consent.id.toString(), consent.transmitterConsentId, revokedBy,
                    consent.rejectionReasonCode, reason), now)
                    .call(() -> audit.record(Actor.partner(partnerId), "payment-consent.revoked", "payment-consent",
                            consent.id.toString(), consent.partnerId, details, now));
        });
    }

    /** Loads the consent in a transaction, locked, applies {@code change} and commits. */
    public Uni<PaymentConsent> change(UUID id, Function<PaymentConsent, Uni<PaymentConsent>> change) {
        return Panache.withTransaction(() -> PaymentConsent.<PaymentConsent>findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .chain(consent -> consent == null ? Uni.createFrom().nullItem() : change.apply(consent)));
    }

    /**
     * Writes an event of this consent's change; runs inside the caller's transaction. A consent that
     * ended (rejected, consumed) has its authorisation forgotten in the same transaction, so no token
     * of the user outlives it.
     */
    public Uni<PaymentConsent> record(PaymentConsent consent, EventData event, Instant time) {
        String subject = consent.id.toString();
        Uni<Void> forgotten = consent.status.isFinal() ? authorisations.forget(consent.id) : Uni.createFrom().voidItem();
        return forgotten.chain(() -> outbox.append(event, subject, consent.partnerId, time)).replaceWith(consent);
    }

    static PaymentSummary summary(PaymentConsent consent) {
        return new PaymentSummary(consent.amount.toPlainString(), consent.currency,
                consent.paymentDate == null ? null : consent.paymentDate.toString(), consent.creditorName,
                consent.creditorCpfCnpj, consent.localInstrument);
    }
}
