package br.com.ponte.consent.domain;

import br.com.ponte.events.EventTime;
import br.com.ponte.events.data.ConsentCreateRequested;
import br.com.ponte.events.data.ConsentCreated;
import br.com.ponte.events.data.PaymentSummary;
import br.com.ponte.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Creates payment consents; the consent and its events commit in one transaction. */
@ApplicationScoped
public class PaymentConsents {

    private final Outbox outbox;

    public PaymentConsents(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Stores a validated consent and writes {@code before:consent:create} (at the time the request
     * was received) and {@code after:consent:create} through the outbox.
     */
    public Uni<PaymentConsent> create(PaymentConsent consent, Instant receivedAt) {
        String subject = consent.id.toString();
        PaymentSummary summary = new PaymentSummary(consent.amount.toPlainString(), consent.currency,
                consent.paymentDate == null ? null : consent.paymentDate.toString(), consent.creditorName,
                consent.creditorCpfCnpj, consent.localInstrument);
        return Panache.withTransaction(() -> consent.<PaymentConsent>persist()
                .call(() -> outbox.append(new ConsentCreateRequested(subject, consent.transmitter, summary,
                        consent.redirectUri), subject, consent.partnerId, receivedAt))
                .call(() -> outbox.append(new ConsentCreated(subject, consent.transmitter,
                        consent.transmitterConsentId, consent.status.wireValue(), consent.expirationDateTime,
                        summary), subject, consent.partnerId, EventTime.now())));
    }
}
