package br.com.ponte.webhook.delivery;

import br.com.ponte.webhook.WebhookConfig;
import br.com.ponte.webhook.domain.WebhookDelivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one attempt's answer means for the delivery: 2xx succeeds; 410 fails it for good (and
 * disables the endpoint); anything else is retried on the schedule, no sooner than a 429/503's
 * {@code Retry-After}, until the schedule is exhausted. A manual attempt is a single attempt.
 */
final class RetryPolicy {

    /** What one attempt led to. */
    record Outcome(String deliveryStatus, Instant nextAttemptAt, boolean success, boolean gone, boolean exhausted) {
    }

    private final List<Duration> schedule;
    private final double jitter;
    private final Duration maxRetryAfter;

    RetryPolicy(WebhookConfig config) {
        this(config.retrySchedule(), config.retryJitter(), config.maxRetryAfter());
    }

    RetryPolicy(List<Duration> schedule, double jitter, Duration maxRetryAfter) {
        this.schedule = List.copyOf(schedule);
        this.jitter = jitter;
        this.maxRetryAfter = maxRetryAfter;
    }

    /**
     * @param attemptsSoFar attempts before this one
     * @param trigger       SCHEDULED or MANUAL
     * @param statusCode    the answer's status, null when there was none (connection refused, timeout)
     */
    Outcome decide(int attemptsSoFar, String trigger, Integer statusCode, String retryAfter, Instant now) {
        if (statusCode != null && statusCode >= 200 && statusCode < 300) {
            return new Outcome("SUCCEEDED", null, true, false, false);
        }
        if (statusCode != null && statusCode == 410) {
            return new Outcome("FAILED", null, false, true, false);
        }
        int attempt = attemptsSoFar + 1;
        if (WebhookDelivery.MANUAL.equals(trigger) || attempt >= schedule.size()) {
            return new Outcome("FAILED", null, false, false, true);
        }
        Instant next = now.plus(withJitter(schedule.get(attempt)));
        if (statusCode != null && (statusCode == 429 || statusCode == 503)) {
            Optional<Instant> asked = retryAfter(retryAfter, now);
            if (asked.isPresent() && asked.get().isAfter(next)) {
                next = asked.get();
            }
        }
        return new Outcome("PENDING", next, false, false, false);
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date, capped by {@code ponte.webhook.max-retry-after}. */
    Optional<Instant> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        Instant at;
        try {
            at = now.plusSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            try {
                at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
        Instant cap = now.plus(maxRetryAfter);
        return Optional.of(at.isAfter(cap) ? cap : at);
    }

    private Duration withJitter(Duration delay) {
        long millis = delay.toMillis();
        long spread = (long) (millis * jitter);
        return spread <= 0 ? delay : Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(spread + 1));
    }
}
