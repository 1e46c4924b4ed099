package br.com.ponte.webhook.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.UUID;

/**
 * Per-endpoint token buckets (requests per second, burst of one second's worth) shared by every
 * dispatcher instance: the bucket is a row in the database, refilled and taken from by one atomic
 * statement, so N instances together send at most the endpoint's {@code rateLimit}. The database's
 * clock is the only clock. Only deliveries to rate-limited endpoints pay the round trip.
 */
final class RateLimiter {

    // The bucket refilled by the time since the last take, never below zero: a take that waited on
    // the row lock may carry an earlier now() than the one before it.
    private static final String REFILLED = "least($2, b.tokens + greatest(0, extract(epoch from now() - b.updated_at)) * $2)";

    // One statement: the first take creates the bucket full (minus this token); later ones refill it
    // and take a token when there is one. In SET, b is the row before the update.
    private static final String TAKE = """
            insert into webhook_rate_bucket as b (endpoint_id, tokens, granted, updated_at)
            values ($1, $2 - 1, true, now())
            on conflict (endpoint_id) do update set
                tokens = %1$s - case when %1$s >= 1 then 1 else 0 end,
                granted = %1$s >= 1,
                updated_at = greatest(b.updated_at, now())
            returning tokens, granted""".formatted(REFILLED);

    private final Pool pool;

    RateLimiter(Pool pool) {
        this.pool = pool;
    }

    /** 0 when a request may go now (and takes the token); otherwise the milliseconds until the next token. */
    Uni<Long> acquire(UUID endpointId, Integer perSecond) {
        if (perSecond == null || perSecond <= 0) {
            return Uni.createFrom().item(0L);
        }
        return pool.preparedQuery(TAKE).execute(Tuple.of(endpointId, (double) perSecond)).map(rows -> {
            Row row = rows.iterator().next();
            return row.getBoolean("granted") ? 0L : waitMillis(row.getDouble("tokens"), perSecond);
        });
    }

    static long waitMillis(double tokens, int perSecond) {
        return Math.max(1, (long) Math.ceil((1 - tokens) * 1000.0 / perSecond));
    }
}
