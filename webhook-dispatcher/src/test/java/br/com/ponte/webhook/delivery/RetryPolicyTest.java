package br.com.ponte.webhook.delivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final List<Duration> SVIX = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
    final RetryPolicy policy = new RetryPolicy(SVIX, 0, Duration.ofHours(24));

    @ParameterizedTest(name = "after attempt {0} the next waits {1}")
    @CsvSource({"0, PT5S", "1, PT5M", "2, PT30M", "3, PT2H", "4, PT5H", "5, PT10H", "6, PT10H"})
    void failuresFollowTheSchedule(int attemptsSoFar, Duration wait) {
        RetryPolicy.Outcome outcome = policy.decide(attemptsSoFar, "SCHEDULED", 500, null, NOW);
        assertThat(outcome.deliveryStatus()).isEqualTo("PENDING");
        assertThat(outcome.nextAttemptAt()).isEqualTo(NOW.plus(wait));
    }

    @Test
    void theEighthFailureExhaustsTheSchedule() {
        RetryPolicy.Outcome outcome = policy.decide(7, "SCHEDULED", null, null, NOW);
        assertThat(outcome.deliveryStatus()).isEqualTo("FAILED");
        assertThat(outcome.exhausted()).isTrue();
        assertThat(outcome.nextAttemptAt()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"200", "201", "204", "299"})
    void anyTwoHundredSucceeds(int status) {
        assertThat(policy.decide(3, "SCHEDULED", status, null, NOW).success()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"301", "302", "400", "404", "500", "502"})
    void redirectsAndErrorsAreRetried(int status) {
        assertThat(policy.decide(0, "SCHEDULED", status, null, NOW).deliveryStatus()).isEqualTo("PENDING");
    }

    @Test
    void goneFailsAtOnce() {
        RetryPolicy.Outcome outcome = policy.decide(0, "SCHEDULED", 410, null, NOW);
        assertThat(outcome.gone()).isTrue();
        assertThat(outcome.deliveryStatus()).isEqualTo("FAILED");
        assertThat(outcome.exhausted()).isFalse();
    }

    @Test
    void aManualAttemptIsASingleAttempt() {
        assertThat(policy.decide(8, "MANUAL", 500, null, NOW).deliveryStatus()).isEqualTo("FAILED");
        assertThat(policy.decide(0, "MANUAL", 204, null, NOW).deliveryStatus()).isEqualTo("SUCCEEDED");
    }

    @ParameterizedTest(name = "{0} with Retry-After {1} waits until +{2}")
    @CsvSource({
            "429, 120, PT2M",
            "503, 120, PT2M",
            "429, 1, PT5S",                                   // the schedule is later
            "500, 120, PT5S",                                 // only 429/503 carry Retry-After
            "429, 'Sun, 22 Nov 2026 13:00:00 GMT', PT1H",     // HTTP date
            "429, 999999, PT24H",                             // capped
            "429, soon, PT5S"})                               // unreadable: ignored
    void retryAfterIsHonouredFor429And503(int status, String retryAfter, Duration wait) {
        assertThat(policy.decide(0, "SCHEDULED", status, retryAfter, NOW).nextAttemptAt()).isEqualTo(NOW.plus(wait));
    }

    @Test
    void jitterOnlyAddsUpToItsFraction() {
        RetryPolicy jittery = new RetryPolicy(SVIX, 0.1, Duration.ofHours(24));
        for (int i = 0; i < 200; i++) {
            Instant next = jittery.decide(1, "SCHEDULED", 500, null, NOW).nextAttemptAt();
            assertThat(next).isBetween(NOW.plus(Duration.ofMinutes(5)), NOW.plus(Duration.ofSeconds(330)));
        }
    }
}
