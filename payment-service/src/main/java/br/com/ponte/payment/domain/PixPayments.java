package br.com.ponte.payment.domain;

import br.com.ponte.events.EventData;
import br.com.ponte.events.EventTime;
import br.com.ponte.events.data.PaymentInitiated;
import br.com.ponte.events.data.PaymentPolled;
import br.com.ponte.events.data.PaymentStatusChanged;
import br.com.ponte.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * A payment's state changes, each committed in one transaction with its events (outbox, subject =
 * the payment id): {@code payment:initiated} when the transmitter answered the creation (201 or
 * 422), {@code payment:status:changed} on every new Pix status, {@code payment:polled} on every read.
 */
@ApplicationScoped
public class PixPayments {

    private final Outbox outbox;

    public PixPayments(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Stores a payment about to be sent (SENDING); no event yet. */
    public Uni<PixPayment> open(PixPayment payment) {
        return Panache.withTransaction(payment::persist);
    }

    /** The transmitter created it (201): its id and first status. */
    public Uni<PixPayment> created(UUID id, String transmitterPaymentId, PixStatus status, Instant firstPoll) {
        return change(id, payment -> {
            if (!PixPayment.ANSWERED.equals(payment.initiation)) {
                Instant now = EventTime.now();
                payment.initiation = PixPayment.ANSWERED;
                payment.initiationError = null;
                payment.transmitterPaymentId = transmitterPaymentId;
                payment.moveTo(status, null, null, now);
                payment.nextPollAt = status.isFinal() ? null : firstPoll;
                return append(payment, new PaymentInitiated(id.toString(), payment.consentId.toString(),
                        payment.transmitterConsentId, transmitterPaymentId, 201, status.wireValue(), null, null,
                        payment.endToEndId), now)
                        .chain(p -> append(p, statusChanged(p, null), now));
            }
            return Uni.createFrom().item(payment);
        });
    }

    /** The transmitter refused it (422): RJCT with its code; no payment exists there. */
    public Uni<PixPayment> refused(UUID id, String code, String detail) {
        return change(id, payment -> {
            if (!PixPayment.ANSWERED.equals(payment.initiation)) {
                Instant now = EventTime.now();
                payment.initiation = PixPayment.ANSWERED;
                payment.initiationError = null;
                payment.moveTo(PixStatus.RJCT, code, detail, now);
                payment.nextPollAt = null;
                return append(payment, new PaymentInitiated(id.toString(), payment.consentId.toString(),
                        payment.transmitterConsentId, null, 422, PixStatus.RJCT.wireValue(), code, detail,
                        payment.endToEndId), now)
                        .chain(p -> append(p, statusChanged(p, null), now));
            }
            return Uni.createFrom().item(payment);
        });
    }

    /** No answer to count (5xx, 429, transport): nothing was initiated; the consent stays AUTHORISED. */
    public Uni<PixPayment> failed(UUID id, String error) {
        return change(id, payment -> {
            if (!PixPayment.ANSWERED.equals(payment.initiation)) {
                payment.initiation = PixPayment.FAILED;
                payment.initiationError = error;
            }
            return Uni.createFrom().item(payment);
        });
    }

    /**
     * A read of the payment at the transmitter: {@code payment:polled}, then {@code payment:status:changed}
     * if the status moved; {@code nextPoll} is null once the status is final.
     */
    public Uni<PixPayment> observed(UUID id, PixStatus status, String code, String detail, Instant nextPoll) {
        return change(id, payment -> {
            Instant now = EventTime.now();
            payment.pollAttempts++;
            Uni<PixPayment> done = append(payment, new PaymentPolled(id.toString(), payment.consentId.toString(),
                    status.wireValue(), payment.pollAttempts), now);
            if (payment.status != status && !payment.status.isFinal()) {
                PixStatus previous = payment.moveTo(status, code, detail, now);
                done = done.chain(p -> append(p, statusChanged(p, previous), now));
            }
            payment.nextPollAt = payment.status.isFinal() ? null : nextPoll;
            return done;
        });
    }

    /** The transmitter reported a new status outside a poll (the answer to a cancellation). */
    public Uni<PixPayment> reported(UUID id, PixStatus status, String code, String detail) {
        return change(id, payment -> {
            if (payment.status == status || payment.status.isFinal()) {
                return Uni.createFrom().item(payment);
            }
            Instant now = EventTime.now();
            PixStatus previous = payment.moveTo(status, code, detail, now);
            if (status.isFinal()) {
                payment.nextPollAt = null;
            }
            return append(payment, statusChanged(payment, previous), now);
        });
    }

    /** Reads again at {@code at} (a failed read, a 429, a webhook asking for a read now). */
    public Uni<PixPayment> pollAt(UUID id, Instant at) {
        return change(id, payment -> {
            if (payment.status != null && !payment.status.isFinal()) {
                payment.nextPollAt = at;
            }
            return Uni.createFrom().item(payment);
        });
    }

    public Uni<PixPayment> change(UUID id, Function<PixPayment, Uni<PixPayment>> change) {
        return Panache.withTransaction(() -> PixPayment.<PixPayment>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(payment -> payment == null ? Uni.createFrom().nullItem() : change.apply(payment)));
    }

    private Uni<PixPayment> append(PixPayment payment, EventData event, Instant time) {
        return outbox.append(event, payment.id.toString(), payment.partnerId, time).replaceWith(payment);
    }

    private static PaymentStatusChanged statusChanged(PixPayment p, PixStatus previous) {
        return new PaymentStatusChanged(p.id.toString(), p.consentId.toString(), p.transmitterPaymentId,
                previous == null ? null : previous.wireValue(), p.status.wireValue(), p.rejectionCode, p.rejectionDetail,
                p.endToEndId);
    }
}
