package br.com.ponte.consent.whitelabel;

import br.com.ponte.consent.api.PaymentConsentRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentIntentTest {

    static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    PaymentIntent intent() {
        PaymentConsentRequest request = new PaymentConsentRequest(null, "https://partner.example/back",
                null, null, null, null, null, null);
        return PaymentIntent.awaitingBankChoice("p", request, T0, Duration.ofMinutes(5));
    }

    @Test
    void anIntentWaitsForTheChoiceUntilItsDeadlineThenIsExpired() {
        PaymentIntent intent = intent();
        assertThat(intent.statusAt(T0.plusSeconds(299))).isEqualTo(IntentStatus.AWAITING_BANK_CHOICE);
        assertThat(intent.acceptsChoiceAt(T0.plusSeconds(299))).isTrue();
        assertThat(intent.statusAt(T0.plusSeconds(300))).isEqualTo(IntentStatus.EXPIRED);
        assertThat(intent.acceptsChoiceAt(T0.plusSeconds(300))).isFalse();
        assertThatThrownBy(() -> intent.chose("bank", UUID.randomUUID(), T0.plusSeconds(300)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aChoiceInTimeRecordsTheBankAndTheConsentAndIsNeverExpiredAfter() {
        PaymentIntent intent = intent();
        UUID first = UUID.randomUUID();
        intent.chose("bank-a", first, T0.plusSeconds(10));
        assertThat(intent.statusAt(T0.plusSeconds(3600))).isEqualTo(IntentStatus.BANK_CHOSEN);
        assertThat(intent.consentId).isEqualTo(first);

        UUID second = UUID.randomUUID();
        intent.chose("bank-b", second, T0.plusSeconds(20));
        assertThat(intent.transmitter).isEqualTo("bank-b");
        assertThat(intent.consentId).as("the latest choice").isEqualTo(second);
        assertThat(intent.statusUpdatedAt).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void theRequestIsKeptAsSentAndTheScreensAreUnderTheIntentsId() {
        PaymentIntent intent = intent();
        assertThat(intent.consentRequest().redirectUri()).isEqualTo("https://partner.example/back");
        assertThat(intent.screenPath()).isEqualTo("/whitelabel/payments/" + intent.id);
    }
}
