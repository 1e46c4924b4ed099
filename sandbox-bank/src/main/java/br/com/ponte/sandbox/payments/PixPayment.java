package br.com.ponte.sandbox.payments;

import br.com.ponte.sandbox.resource.WireFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Pix payment (payments v4) moving along its {@link Scenario}'s path, one status per step:
 * {@code ahead} is what is still to come and {@code nextStepAt} when the next status is reached.
 * A scheduled payment waits in SCHD until {@code settleAt} (one step at least; none for an immediate
 * payment), then goes on one step at a time. {@code data} is the payment as the initiator sent it.
 */
public record PixPayment(
        String paymentId,
        String consentId,
        String clientId,
        JsonNode data,
        Scenario scenario,
        PaymentStatus status,
        Instant creationDateTime,
        Instant statusUpdateDateTime,
        List<PaymentStatus> ahead,
        Instant nextStepAt,
        Reason rejection,
        JsonNode cancellation,
        JsonNode debtorAccount,
        Instant settleAt) {

    /** A JSON {@code null} read back from the store is no value, as before the restart. */
    public PixPayment {
        cancellation = cancellation == null || cancellation.isNull() ? null : cancellation;
    }

    /**
     * Received now. A payment to settle at {@code settleAt} (a scheduled one; {@code null} for an
     * immediate one) is scheduled (SCHD) one step later, and waits there.
     */
    static PixPayment receive(String paymentId, PaymentConsent consent, JsonNode data, Scenario scenario, Instant now,
                              Duration step, Instant settleAt) {
        List<PaymentStatus> path = settleAt == null ? scenario.path()
                : Stream.concat(Stream.of(PaymentStatus.SCHD), scenario.scheduledPath().stream()).toList();
        return new PixPayment(paymentId, consent.consentId(), consent.clientId(), data, scenario, PaymentStatus.RCVD,
                now, now, path, path.isEmpty() ? null : now.plus(step), null, null, consent.debtorAccount(), settleAt);
    }

    /** Where the payment is at {@code now}: every step that has come due, taken. */
    PixPayment at(Instant now, Duration step) {
        PixPayment payment = this;
        while (payment.nextStepAt != null && !now.isBefore(payment.nextStepAt)) {
            payment = payment.next(step);
        }
        return payment;
    }

    private PixPayment next(Duration step) {
        PaymentStatus reached = checked(ahead.get(0));
        List<PaymentStatus> rest = ahead.subList(1, ahead.size());
        Instant following = rest.isEmpty() ? null : nextStepAt.plus(step);
        if (following != null && reached == PaymentStatus.SCHD && settleAt.isAfter(following)) {
            following = settleAt;
        }
        return new PixPayment(paymentId, consentId, clientId, data, scenario, reached, creationDateTime, nextStepAt,
                List.copyOf(rest), following, reached == PaymentStatus.RJCT ? scenario.rejection() : null, null,
                debtorAccount, settleAt);
    }

    /** Cancelled by the initiator at the user's request (PATCH): only while PDNG or SCHD. */
    PixPayment cancel(JsonNode cancelledBy, Instant now) {
        ObjectNode cancellation = JsonNodeFactory.instance.objectNode()
                .put("reason", status == PaymentStatus.SCHD ? "CANCELADO_AGENDAMENTO" : "CANCELADO_PENDENCIA")
                .put("cancelledFrom", "INICIADORA")
                .put("cancelledAt", WireFormat.dateTime(now));
        cancellation.set("cancelledBy", cancelledBy);
        return new PixPayment(paymentId, consentId, clientId, data, scenario, checked(PaymentStatus.CANC),
                creationDateTime, now, List.of(), null, null, cancellation, debtorAccount, settleAt);
    }

    private PaymentStatus checked(PaymentStatus next) {
        if (!status.canBecome(next)) {
            throw new IllegalStateException("Payment " + paymentId + " cannot go from " + status + " to " + next);
        }
        return next;
    }
}
