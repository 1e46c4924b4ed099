-- A partner's webhook endpoint. The signing secret is needed in clear to sign, so it is encrypted
-- (envelope encryption under PONTE_WEBHOOK_MASTER_KEY), never hashed and never returned after creation.
create table webhook_endpoint (
    id                  uuid          primary key,
    partner_id          varchar(64)   not null,
    url                 varchar(2048) not null,
    description         varchar(500),
    event_types         varchar(4000) not null, -- comma-separated; empty = every type
    status              varchar(16)   not null,
    secret_cipher       bytea         not null,
    secret_iv           bytea         not null,
    secret_key_wrapped  bytea         not null,
    secret_key_iv       bytea         not null,
    master_key_id       varchar(64)   not null,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null
);
create index webhook_endpoint_partner_idx on webhook_endpoint (partner_id);

-- One row per event to deliver (id = event id); payload is the envelope exactly as it is sent.
create table webhook_message (
    id           uuid          primary key,
    partner_id   varchar(64)   not null,
    event_type   varchar(128)  not null,
    subject      varchar(255)  not null,
    sequence     bigint        not null,
    event_time   timestamptz   not null,
    payload      text          not null,
    received_at  timestamptz   not null
);
create index webhook_message_partner_idx on webhook_message (partner_id, received_at desc);

-- One row per (message, endpoint): the delivery state machine and its schedule.
create table webhook_delivery (
    id               uuid         primary key,
    message_id       uuid         not null references webhook_message (id),
    endpoint_id      uuid         not null references webhook_endpoint (id),
    status           varchar(16)  not null,
    attempts         int          not null,
    next_attempt_at  timestamptz,
    locked_until     timestamptz,
    last_status_code int,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    unique (message_id, endpoint_id)
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status in ('PENDING', 'SENDING');

-- Every HTTP attempt, for the attempt log.
create table webhook_attempt (
    id               uuid          primary key,
    delivery_id      uuid          not null references webhook_delivery (id),
    attempted_at     timestamptz   not null,
    status_code      int,
    duration_ms      int           not null,
    response_excerpt varchar(1024),
    error            varchar(1024),
    trigger_kind     varchar(16)   not null
);
create index webhook_attempt_delivery_idx on webhook_attempt (delivery_id, attempted_at);
