package br.com.ponte.consent.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentConsentTest {

    static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    PaymentConsent consent() {
        return PaymentConsent.awaitingAuthorisation("p", T0, Duration.ofMinutes(5));
    }

    @Test
    void anUnauthorisedConsentExpiresAfterTheAuthorisationWindow() {
        PaymentConsent consent = consent();
        assertThat(consent.isOverdue(T0.plusSeconds(299))).isFalse();
        assertThat(consent.isOverdue(T0.plusSeconds(300))).isTrue();

        assertThat(consent.expire(T0.plusSeconds(300))).isEqualTo("AUTHORISATION");
        assertThat(consent.status).isEqualTo(ConsentStatus.REJECTED);
        assertThat(consent.rejectionReasonCode).isEqualTo("TEMPO_EXPIRADO_AUTORIZACAO");
        assertThat(consent.isOverdue(T0.plusSeconds(3600))).isFalse();
    }

    @Test
    void authorisationStartsTheConsumptionWindow() {
        PaymentConsent consent = consent();
        consent.authorise(T0.plusSeconds(60), Duration.ofMinutes(60));

        assertThat(consent.status).isEqualTo(ConsentStatus.AUTHORISED);
        assertThat(consent.expirationDateTime).isEqualTo(T0.plusSeconds(60 + 3600));
        assertThat(consent.isOverdue(T0.plusSeconds(3600))).isFalse();
        assertThat(consent.expire(T0.plusSeconds(60 + 3600))).isEqualTo("CONSUMPTION");
        assertThat(consent.rejectionReasonCode).isEqualTo("TEMPO_EXPIRADO_CONSUMO");
    }

    @Test
    void onlyAnAuthorisedConsentIsConsumedAndFinalStatusesStayFinal() {
        PaymentConsent consent = consent();
        assertThatThrownBy(() -> consent.consume(T0)).isInstanceOf(IllegalStateException.class);
        consent.authorise(T0, Duration.ofMinutes(60));
        assertThatThrownBy(() -> consent.authorise(T0, Duration.ofMinutes(60))).isInstanceOf(IllegalStateException.class);
        consent.consume(T0.plusSeconds(10));
        assertThat(consent.status).isEqualTo(ConsentStatus.CONSUMED);
        assertThat(consent.isOverdue(T0.plusSeconds(7200))).isFalse();
        assertThatThrownBy(() -> consent.reject("REJEITADO_USUARIO", "no", T0)).isInstanceOf(IllegalStateException.class);

        PaymentConsent rejected = consent();
        rejected.reject("REJEITADO_USUARIO", "the user said no", T0);
        assertThatThrownBy(() -> rejected.authorise(T0, Duration.ofMinutes(60))).isInstanceOf(IllegalStateException.class);
    }
}
