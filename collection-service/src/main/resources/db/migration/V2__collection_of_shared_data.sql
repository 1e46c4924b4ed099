-- The placeholder run table is replaced by what collection-service now keeps.
drop table collection;

-- A sharing consent as sharing.events told it (consent-service's id). Kept after it ends, with when
-- its data was deleted, as the evidence of that deletion.
create table sharing_consent (
    id                      uuid          primary key,
    partner_id              varchar(64)   not null,
    transmitter             varchar(128)  not null,
    transmitter_consent_id  varchar(256),
    permissions             text          not null,   -- JSON list of the permissions granted
    status                  varchar(16)   not null,   -- ConsentStatus
    authorised_at           timestamptz,
    expiration_date_time    timestamptz,
    ended_at                timestamptz,
    data_deleted_at         timestamptz,
    created_at              timestamptz   not null,
    updated_at              timestamptz   not null
);
create index sharing_consent_partner_idx on sharing_consent (partner_id);

-- A resource of a consent (resources API v3): account, credit card account, credit operation.
create table shared_resource (
    id               uuid          primary key,
    consent_id       uuid          not null,
    resource_id      varchar(100)  not null,
    type             varchar(40)   not null,
    status           varchar(32)   not null,   -- ResourceStatus
    available_since  timestamptz,
    updated_at       timestamptz   not null,
    unique (consent_id, resource_id)
);

-- One data group of a consent collected together (initial collection, a partner's refresh).
create table collection_run (
    id                 uuid          primary key,
    consent_id         uuid          not null,
    partner_id         varchar(64)   not null,
    transmitter        varchar(128)  not null,
    data_group         varchar(24)   not null,
    trigger            varchar(16)   not null,   -- INITIAL, ON_DEMAND
    status             varchar(16)   not null,   -- RunStatus
    operations         text          not null,   -- JSON list planned
    counts             text          not null,   -- JSON object: items stored per kind
    failed_operations  text          not null,   -- JSON list
    started_at         timestamptz   not null,
    finished_at        timestamptz
);
create index collection_run_open_idx on collection_run (consent_id, data_group) where status = 'RUNNING';

-- One operation of a consent, for one resource ('' for the whole consent): claimed when due
-- (FOR UPDATE SKIP LOCKED) under a lease, so instances share the work and a crash only delays it.
create table collection_task (
    id               uuid          primary key,
    consent_id       uuid          not null,
    partner_id       varchar(64)   not null,
    transmitter      varchar(128)  not null,
    operation        varchar(64)   not null,   -- Operation
    resource_id      varchar(100)  not null,
    status           varchar(16)   not null,   -- TaskStatus
    next_run_at      timestamptz   not null,
    lease_until      timestamptz,
    attempts         int           not null default 0,
    run_id           uuid,
    last_error       text,
    last_success_at  timestamptz,
    history_from     date,                     -- transactions: the oldest day collected in full
    last_deep_at     timestamptz,              -- transactions: the last full-history read
    updated_at       timestamptz   not null,
    unique (consent_id, operation, resource_id)
);
create index collection_task_due_idx on collection_task (next_run_at) where status in ('SCHEDULED', 'RUNNING');

-- What the bank answered to an operation, kept as it answered (data of every page, in order).
-- sub_id names a bill for a bill's transactions, '' otherwise.
create table stored_answer (
    consent_id    uuid          not null,
    operation     varchar(64)   not null,
    resource_id   varchar(100)  not null,
    sub_id        varchar(100)  not null,
    data          jsonb         not null,
    collected_at  timestamptz   not null,
    primary key (consent_id, operation, resource_id, sub_id)
);

-- Transactions of accounts and credit card accounts, one row per (consent, resource, the bank's
-- transactionId): a re-read changes nothing, a change (scheduled → posted) updates the row. Each
-- insert or real change takes a new position of the partner's change feed.
create table collected_transaction (
    consent_id        uuid          not null,
    resource_id       varchar(100)  not null,
    transaction_id    varchar(100)  not null,
    partner_id        varchar(64)   not null,
    booking_date      date,
    body              jsonb         not null,
    created_position  bigint        not null,
    position          bigint        not null,
    collected_at      timestamptz   not null,
    changed_at        timestamptz   not null,
    primary key (consent_id, resource_id, transaction_id)
);
create index collected_transaction_feed_idx on collected_transaction (partner_id, position);
create index collected_transaction_date_idx on collected_transaction (consent_id, resource_id, booking_date, transaction_id);

-- The last change-feed position given out per partner; its row lock orders the writers.
create table partner_cursor (
    partner_id     varchar(64)  primary key,
    last_position  bigint       not null
);

-- Calls counted per consent, operation, resource ('' when counted for the whole consent) and
-- calendar month (America/Sao_Paulo), as the bank counts them.
create table budget_usage (
    consent_id    uuid          not null,
    operation     varchar(64)   not null,
    resource_id   varchar(100)  not null,
    month         char(7)       not null,
    used          int           not null default 0,
    throttled     int           not null default 0,   -- of which the bank answered 429
    low_notified  boolean       not null default false,
    primary key (consent_id, operation, resource_id, month)
);

-- A partner's retention policy for the data of ended consents (absent: DELETE_AT_END).
create table collection_settings (
    partner_id  varchar(64)  primary key,
    retention   varchar(16)  not null,
    updated_at  timestamptz  not null
);

-- Answers of POST .../refresh by x-idempotency-key, replayed for the same request.
create table refresh_request (
    partner_id       varchar(64)   not null,
    idempotency_key  varchar(128)  not null,
    request_hash     varchar(64)   not null,
    response         text          not null,
    created_at       timestamptz   not null,
    primary key (partner_id, idempotency_key)
);
