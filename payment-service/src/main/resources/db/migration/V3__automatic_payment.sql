-- Automatic payments still to make: one row per consent whose consent:approved said AUTHORISED, until
-- its payment is initiated or the consent can no longer pay (unknown, used, expired, or it asked for
-- none). A failure that may pass (consent-service or the bank unreachable) is tried again later with
-- a growing wait, so an outage delays the payment and never loses it; the initiation's idempotency
-- key (automatic:<consent>) makes every try the same payment.
create table automatic_payment (
    consent_id      uuid          primary key,
    partner_id      varchar(64)   not null,
    attempts        int           not null default 0,
    next_attempt_at timestamptz   not null,
    last_error      varchar(1024),
    created_at      timestamptz   not null default now()
);
create index automatic_payment_due_idx on automatic_payment (next_attempt_at);
