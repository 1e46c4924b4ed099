package br.com.ponte.webhook.delivery;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-endpoint token buckets (requests per second, burst of one second's worth) in this instance.
 * With several dispatcher instances each enforces the limit on what it sends.
 */
final class RateLimiter {

    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    /** 0 when a request may go now (and takes the token); otherwise the milliseconds to wait. */
    long acquire(UUID endpointId, Integer perSecond, long nowNanos) {
        if (perSecond == null || perSecond <= 0) {
            return 0;
        }
        return buckets.computeIfAbsent(endpointId, id -> new Bucket()).acquire(perSecond, nowNanos);
    }

    private static final class Bucket {
        private double tokens = -1;
        private long updated;

        synchronized long acquire(int perSecond, long now) {
            if (tokens < 0) {
                tokens = perSecond;
                updated = now;
            }
            tokens = Math.min(perSecond, tokens + (now - updated) / 1e9 * perSecond);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) * 1000.0 / perSecond));
        }
    }
}
