package br.com.ponte.kit.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartnerRateLimitsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theBurstPassesThenTheRateAndTheRefusalSaysWhenToRetry() {
        PartnerRateLimits.Bucket bucket = new PartnerRateLimits.Bucket(4);
        long t0 = System.nanoTime();
        for (int i = 3; i >= 0; i--) {
            PartnerRateLimits.Decision decision = bucket.take(2, 4, t0);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(i);
        }
        PartnerRateLimits.Decision refused = bucket.take(2, 4, t0);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(1);
        assertThat(refused.secondsToFull()).isEqualTo(2);

        assertThat(bucket.take(2, 4, t0 + SECOND / 2).allowed()).as("one token back after half a second at 2/s").isTrue();
        assertThat(bucket.take(2, 4, t0 + SECOND / 2).allowed()).isFalse();
        PartnerRateLimits.Decision later = bucket.take(2, 4, t0 + 10 * SECOND);
        assertThat(later.allowed()).isTrue();
        assertThat(later.remaining()).as("refilled to the burst, never beyond").isEqualTo(3);
    }
}
