-- Shared by every service (service-kit). The outbox follows Debezium's outbox layout
-- (id, aggregatetype, aggregateid, type, payload) plus what Ponte needs.
create table outbox (
    id            uuid         primary key,
    aggregatetype varchar(64)  not null,
    aggregateid   varchar(255) not null,
    type          varchar(128) not null,
    payload       jsonb        not null,
    partner_id    varchar(64),
    sequence      bigint       not null,
    occurred_at   timestamptz  not null,
    created_at    timestamptz  not null default now()
);
create index outbox_created_at_idx on outbox (created_at);

-- Per-subject event sequence, incremented in the transaction that writes the event.
create table outbox_sequence (
    subject       varchar(255) primary key,
    last_sequence bigint       not null
);

-- Consumer-side idempotency: written in the same transaction as the effect of an event.
create table processed_event (
    consumer     varchar(128) not null,
    event_id     uuid         not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
