-- The per-endpoint rate limit holds across dispatcher instances: one token bucket per endpoint,
-- here, taken from with one atomic statement (RateLimiter). Only rate-limited endpoints have a row.
create table webhook_rate_bucket (
    endpoint_id uuid primary key references webhook_endpoint (id) on delete cascade,
    tokens      double precision not null,
    -- whether the last take found a token (read back by the taker in the same statement)
    granted     boolean          not null,
    updated_at  timestamptz      not null
);
