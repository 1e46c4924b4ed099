package br.com.ponte.sandbox.payments;

import br.com.ponte.sandbox.config.SandboxConfig;
import br.com.ponte.sandbox.resource.ApiError;
import br.com.ponte.sandbox.resource.WireFormat;
import br.com.ponte.sandbox.store.SandboxStore;
import br.com.ponte.sandbox.store.Sweeper;
import br.com.ponte.sandbox.store.Table;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The bank's Pix payments: received on an authorised consent, moved along their scenario by the
 * clock ({@code sandbox.payment.step} per status), cancelled while held or scheduled. A scheduled
 * payment settles on its date, at 00:00 in Brasília, or {@code sandbox.schedule.settle-after} after it
 * was received when that is set. Every change of status is announced ({@link PaymentsChanged}) for the
 * initiator's webhooks.
 */
@ApplicationScoped
public class PixPayments implements Sweeper {

    private final Table<PixPayment> payments;
    private final SandboxConfig config;
    private final Event<PaymentsChanged> changed;

    /** The payments made on a consent: what a development control counts. */
    public synchronized java.util.List<String> idsOfConsent(String consentId) {
        return payments.rows(p -> consentId.equals(p.consentId())).stream().map(PixPayment::paymentId).toList();
    }

    public PixPayments(SandboxStore store, SandboxConfig config, Event<PaymentsChanged> changed) {
        this.payments = store.table("pixPayments", PixPayment.class);
        this.config = config;
        this.changed = changed;
    }

    /** Receives one item of a payment request; {@code date} is the day it settles on, for a scheduled consent. */
    synchronized PixPayment receive(PaymentConsent consent, JsonNode data, LocalDate date, Scenario scenario) {
        Instant now = Instant.now();
        Instant settleAt = consent.scheduledDates().isEmpty() ? null : config.schedule().settleAfter().map(now::plus)
                .orElseGet(() -> date.atStartOfDay(WireFormat.BRASILIA).toInstant());
        PixPayment payment = PixPayment.receive(UUID.randomUUID().toString(), consent, data, scenario, now,
                config.payment().step(), settleAt);
        payments.put(payment.paymentId(), payment);
        announce(payment);
        return payment;
    }

    /** The payment as it is now. */
    synchronized Optional<PixPayment> find(String paymentId) {
        return payments.find(paymentId).map(payment -> change(payment, current -> current.at(Instant.now(),
                config.payment().step())));
    }

    /** Cancels a PDNG or SCHD payment; 422 {@code PAGAMENTO_NAO_PERMITE_CANCELAMENTO} for any other. */
    synchronized PixPayment cancel(String paymentId, JsonNode cancelledBy) {
        PixPayment payment = find(paymentId).orElseThrow();
        if (!payment.status().cancellable()) {
            throw notCancellable("Pagamento em " + payment.status() + " não permite cancelamento (só PDNG e SCHD).");
        }
        return change(payment, current -> current.cancel(cancelledBy, Instant.now()));
    }

    /**
     * Cancels every PDNG or SCHD payment of the consent, in the order they were received; 422
     * {@code PAGAMENTO_NAO_PERMITE_CANCELAMENTO} when none is left to cancel.
     */
    synchronized List<PixPayment> cancelAll(String consentId, JsonNode cancelledBy) {
        Instant now = Instant.now();
        List<PixPayment> cancellable = payments.rows(payment -> payment.consentId().equals(consentId)).stream()
                .map(payment -> change(payment, current -> current.at(now, config.payment().step())))
                .filter(payment -> payment.status().cancellable())
                .sorted(Comparator.comparing(PixPayment::creationDateTime))
                .toList();
        if (cancellable.isEmpty()) {
            throw notCancellable("Nenhum pagamento do consentimento " + consentId + " em PDNG ou SCHD.");
        }
        return cancellable.stream().map(payment -> change(payment, current -> current.cancel(cancelledBy, now)))
                .toList();
    }

    /** Moves every payment whose next step has come. */
    @Override
    public synchronized void sweep() {
        Instant now = Instant.now();
        payments.rows(payment -> payment.nextStepAt() != null && !now.isBefore(payment.nextStepAt()))
                .forEach(payment -> change(payment, current -> current.at(now, config.payment().step())));
    }

    private PixPayment change(PixPayment payment, UnaryOperator<PixPayment> change) {
        PixPayment changed = change.apply(payment);
        if (!changed.equals(payment)) {
            payments.put(changed.paymentId(), changed);
            announce(changed);
        }
        return changed;
    }

    private void announce(PixPayment payment) {
        changed.fire(new PaymentsChanged(payment.clientId(), PaymentsPaths.pixPayment(payment.paymentId())));
    }

    private static ApiError notCancellable(String detail) {
        return ApiError.unprocessable("PAGAMENTO_NAO_PERMITE_CANCELAMENTO", "Pagamento não permite cancelamento.",
                detail);
    }
}
