-- Endpoint management: rate limit, ordered delivery, why it was disabled, since when it fails.
alter table webhook_endpoint
    add column rate_limit          int,
    add column ordered             boolean     not null default false,
    add column disabled_reason     varchar(32),
    add column failing_since       timestamptz,
    -- HMAC (Standard Webhooks v1) or ED25519 (v1a); for ED25519 the sealed secret is the whsk_ key
    add column signing_algorithm   varchar(16) not null default 'HMAC',
    add column public_key          varchar(128),
    -- the secret before the last rotation keeps signing until it expires
    add column prev_secret_cipher      bytea,
    add column prev_secret_iv          bytea,
    add column prev_secret_key_wrapped bytea,
    add column prev_secret_key_iv      bytea,
    add column prev_master_key_id      varchar(64),
    add column prev_secret_expires_at  timestamptz;

-- Deliveries carry their subject and sequence (ordered mode) and what triggered the next attempt.
alter table webhook_delivery
    add column subject      varchar(255),
    add column sequence     bigint,
    add column trigger_kind varchar(16) not null default 'SCHEDULED',
    add column last_error   varchar(1024);
update webhook_delivery d set subject = m.subject, sequence = m.sequence
  from webhook_message m where m.id = d.message_id;
alter table webhook_delivery alter column subject set not null, alter column sequence set not null;
create index webhook_delivery_open_subject_idx on webhook_delivery (endpoint_id, subject, sequence)
    where status in ('PENDING', 'SENDING');
create index webhook_delivery_endpoint_idx on webhook_delivery (endpoint_id, created_at desc);
