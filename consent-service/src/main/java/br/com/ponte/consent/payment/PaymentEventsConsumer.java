package br.com.ponte.consent.payment;

import br.com.ponte.consent.bank.BankConsents;
import br.com.ponte.consent.domain.ConsentStatus;
import br.com.ponte.consent.domain.PaymentConsent;
import br.com.ponte.consent.domain.PaymentConsents;
import br.com.ponte.events.EventCodec;
import br.com.ponte.events.EventEnvelope;
import br.com.ponte.events.EventType;
import br.com.ponte.events.MalformedEventException;
import br.com.ponte.events.data.ConsentConsumed;
import br.com.ponte.events.data.ConsentFinished;
import br.com.ponte.events.data.ConsentPolled;
import br.com.ponte.events.data.PaymentInitiated;
import br.com.ponte.events.data.PaymentPolled;
import br.com.ponte.events.data.PaymentStatusChanged;
import br.com.ponte.kit.messaging.DeadLetters;
import br.com.ponte.kit.messaging.Effects;
import br.com.ponte.kit.outbox.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Follows the payments on {@code payment.events} and tells the consent's story from them, so every
 * event of a consent comes from consent-service with one strictly increasing sequence:
 * {@code payment:initiated} (201 or 422) consumes the consent ({@code consent:consumed}; a 422 also
 * finishes it; a consent with a recurring schedule only once the bank has it CONSUMED, when every
 * date has its payment), {@code payment:polled} is {@code consent:polling}, a final Pix status (ACSC, RJCT,
 * CANC) is {@code consent:finish}. Each event takes effect once (processed-event table, same
 * transaction); the consent events carry the payment event's time.
 */
@ApplicationScoped
public class PaymentEventsConsumer {

    private static final Logger LOG = Logger.getLogger(PaymentEventsConsumer.class);
    private static final String CONSUMER = "consent-service/payment-events";
    private static final Set<String> FINAL = Set.of("ACSC", "RJCT", "CANC");

    private final PaymentConsents consents;
    private final ProcessedEvents processed;
    private final BankConsents bank;
    private final MutinyEmitter<String> deadLetters;
    private final Vertx vertx;

    public PaymentEventsConsumer(PaymentConsents consents, ProcessedEvents processed, BankConsents bank,
                                 @Channel("payment-dead-letters") MutinyEmitter<String> deadLetters, Vertx vertx) {
        this.vertx = vertx;
        this.consents = consents;
        this.processed = processed;
        this.bank = bank;
        this.deadLetters = deadLetters;
    }

    @Incoming("payment-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        EventEnvelope event;
        try {
            event = EventCodec.decode(record.value());
        } catch (MalformedEventException malformed) {
            LOG.warnf("Malformed record %s-%d@%d sent to dead letters: %s", record.topic(), record.partition(), record.offset(),
                    malformed.getMessage());
            return DeadLetters.send(deadLetters, record, malformed.getMessage());
        }
        EventType type = event.eventType().orElse(null);
        if (type != EventType.PAYMENT_INITIATED && type != EventType.PAYMENT_POLLED && type != EventType.PAYMENT_STATUS_CHANGED) {
            return Uni.createFrom().voidItem();
        }
        return Effects.untilApplied(vertx, type.wireName() + " " + event.id(), () -> {
            Uni<String> bankStatus = type == EventType.PAYMENT_INITIATED
                    ? recurringConsentAtBank(event.dataAs(PaymentInitiated.class).consentId()) : Uni.createFrom().nullItem();
            return bankStatus.chain(recurringStatus -> Panache.withTransaction(() -> processed.markProcessed(CONSUMER, event.id())
                    .chain(first -> {
                        if (!first) {
                            return Uni.createFrom().voidItem();
                        }
                        return switch (type) {
                            case PAYMENT_INITIATED -> initiated(event.dataAs(PaymentInitiated.class), event.time(), recurringStatus);
                            case PAYMENT_POLLED -> polled(event.dataAs(PaymentPolled.class), event.time());
                            default -> statusChanged(event.dataAs(PaymentStatusChanged.class), event.time());
                        };
                    })));
        });
    }

    /**
     * For a consent with a recurring schedule (one payment per date), its status at the bank, which
     * consumes it only once every date has a payment; null for any other consent. Read before the
     * transaction; when the bank cannot be read the consent stays as it is (its deadline still runs).
     */
    private Uni<String> recurringConsentAtBank(String consentId) {
        return Panache.withSession(() -> consent(consentId)).chain(consent -> {
            if (consent == null || !consent.hasRecurringSchedule()) {
                return Uni.createFrom().nullItem();
            }
            return bank.read(consent).map(data -> data.path("status").asText())
                    .onFailure().invoke(e -> LOG.warnf("Reading recurring consent %s at the bank failed: %s", consentId, e.getMessage()))
                    .onFailure().recoverWithItem("UNKNOWN");
        });
    }

    private Uni<Void> initiated(PaymentInitiated payment, Instant time, String recurringStatus) {
        return consent(payment.consentId()).chain(consent -> {
            if (consent == null) {
                return Uni.createFrom().voidItem();
            }
            if (recurringStatus != null && !"CONSUMED".equals(recurringStatus)) {
                LOG.infof("Payment %s on recurring consent %s: the bank has the consent %s, not consumed yet",
                        payment.paymentId(), consent.id, recurringStatus);
                return Uni.createFrom().voidItem();
            }
            if (consent.status != ConsentStatus.AUTHORISED) {
                // a second request on a used (or expired, or revoked) consent: the bank's refusal consumes nothing
                LOG.infof("Payment %s answered %d on consent %s, which is %s: no change", payment.paymentId(),
                        payment.transmitterHttpStatus(), consent.id, consent.status);
                return Uni.createFrom().voidItem();
            }
            consent.consume(time);
            Uni<PaymentConsent> consumed = consents.record(consent, new ConsentConsumed(consent.id.toString(),
                    consent.transmitterConsentId, payment.paymentId(), payment.transmitterHttpStatus(), payment.status()), time);
            if (payment.transmitterHttpStatus() == 422) {
                consumed = consumed.chain(c -> consents.record(c, new ConsentFinished(c.id.toString(), payment.paymentId(),
                        "FAILED", "RJCT", payment.endToEndId(), payment.rejectionCode(), payment.rejectionDetail(), time), time));
            }
            return consumed.replaceWithVoid();
        });
    }

    private Uni<Void> polled(PaymentPolled payment, Instant time) {
        return consent(payment.consentId()).chain(consent -> consent == null ? Uni.createFrom().voidItem()
                : consents.record(consent, new ConsentPolled(consent.id.toString(), payment.paymentId(), payment.status(),
                payment.attempt()), time).replaceWithVoid());
    }

    private Uni<Void> statusChanged(PaymentStatusChanged payment, Instant time) {
        if (!FINAL.contains(payment.status()) || payment.transmitterPaymentId() == null) {
            return Uni.createFrom().voidItem();
        }
        return consent(payment.consentId()).chain(consent -> consent == null ? Uni.createFrom().voidItem()
                : consents.record(consent, new ConsentFinished(consent.id.toString(), payment.paymentId(),
                "ACSC".equals(payment.status()) ? "SETTLED" : "FAILED", payment.status(), payment.endToEndId(),
                payment.rejectionCode(), payment.rejectionDetail(), time), time).replaceWithVoid());
    }

    private static Uni<PaymentConsent> consent(String id) {
        UUID consentId;
        try {
            consentId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().nullItem();
        }
        return PaymentConsent.findById(consentId, LockModeType.PESSIMISTIC_WRITE);
    }
}
