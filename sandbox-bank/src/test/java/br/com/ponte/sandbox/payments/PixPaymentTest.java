package br.com.ponte.sandbox.payments;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A Pix payment's clock, immediate or scheduled, without a server. */
class PixPaymentTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-05T12:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(2);
    private static final Instant SETTLE_AT = RECEIVED.plusSeconds(60);

    @Test
    void anImmediatePaymentMovesOneStatusPerStep() {
        PixPayment payment = receive(Scenario.SETTLED, null);

        assertThat(payment.at(RECEIVED.plus(STEP), STEP).status()).isEqualTo(PaymentStatus.ACCP);
        assertThat(payment.at(RECEIVED.plus(STEP.multipliedBy(3)), STEP).status()).isEqualTo(PaymentStatus.ACSC);
    }

    @Test
    void aScheduledPaymentWaitsInSchdUntilItSettlesThenGoesOnStepByStep() {
        PixPayment payment = receive(Scenario.SETTLED, SETTLE_AT);

        assertThat(payment.at(RECEIVED.plus(STEP), STEP).status()).isEqualTo(PaymentStatus.SCHD);
        assertThat(payment.at(SETTLE_AT.minusMillis(1), STEP).status()).isEqualTo(PaymentStatus.SCHD);
        PixPayment accepted = payment.at(SETTLE_AT, STEP);
        assertThat(accepted.status()).isEqualTo(PaymentStatus.ACCP);
        assertThat(accepted.statusUpdateDateTime()).isEqualTo(SETTLE_AT);
        assertThat(payment.at(SETTLE_AT.plus(STEP), STEP).status()).isEqualTo(PaymentStatus.ACPD);
        PixPayment settled = payment.at(SETTLE_AT.plus(STEP.multipliedBy(2)), STEP);
        assertThat(settled.status()).isEqualTo(PaymentStatus.ACSC);
        assertThat(settled.nextStepAt()).isNull();
    }

    @Test
    void aScheduledPaymentIsRejectedWhenItSettlesAndOneHeldForAnalysisSettles() {
        PixPayment rejected = receive(Scenario.INSUFFICIENT_BALANCE, SETTLE_AT).at(SETTLE_AT, STEP);
        assertThat(rejected.status()).isEqualTo(PaymentStatus.RJCT);
        assertThat(rejected.rejection().code()).isEqualTo("SALDO_INSUFICIENTE");

        assertThat(receive(Scenario.PENDING, SETTLE_AT).at(SETTLE_AT, STEP).status()).isEqualTo(PaymentStatus.ACCP);
    }

    @Test
    void aScheduledPaymentStaysInSchdOneStepAtLeast() {
        PixPayment payment = receive(Scenario.SETTLED, RECEIVED.plusMillis(1));

        assertThat(payment.at(RECEIVED.plus(STEP), STEP).status()).isEqualTo(PaymentStatus.SCHD);
        assertThat(payment.at(RECEIVED.plus(STEP.multipliedBy(2)), STEP).status()).isEqualTo(PaymentStatus.ACCP);
    }

    private static PixPayment receive(Scenario scenario, Instant settleAt) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putObject("payment").put("amount", "100.00");
        PaymentConsent consent = PaymentConsent.create("urn:pontesandbox:1", "client", data, RECEIVED,
                Duration.ofMinutes(5));
        return PixPayment.receive("p1", consent, data, scenario, RECEIVED, STEP, settleAt);
    }
}
