-- Lists are JSON arrays in text columns (the reactive driver maps jsonb to JSON objects only).
-- Data sharing: consent-management sessions, sharing consents (consents API v3 at each institution),
-- the resources each gives access to, and the renewals. The authorisation at the bank of a sharing
-- consent is in authorisation (kind SHARING), as for payments.

-- sharing_session: what the partner asked for (requested_groups: [{group, mandatory, justification}]),
-- what the user confirmed on the screens (chosen_*), and until when the screens serve it.
create table sharing_session (
    id                        uuid          primary key,
    partner_id                varchar(64)   not null,
    status                    varchar(16)   not null,
    logged_user_document      varchar(11)   not null,
    business_entity_document  varchar(14),
    purpose                   varchar(500)  not null,
    requested_groups          text          not null,
    duration_months           integer,
    redirect_uri              varchar(2048) not null,
    institutions              text,
    chosen_groups             text,
    chosen_duration_months    integer,
    created_at                timestamptz   not null,
    status_updated_at         timestamptz   not null,
    expires_at                timestamptz   not null,
    idempotency_key           varchar(128),
    request_hash              varchar(64)
);
create index sharing_session_partner_idx on sharing_session (partner_id, created_at desc);
create index sharing_session_open_idx on sharing_session (expires_at) where status = 'ACTIVE';
create unique index sharing_session_idempotency_idx on sharing_session (partner_id, idempotency_key)
    where idempotency_key is not null;

-- sharing_consent: one institution's consent. permissions: asked for, then kept by the bank, then
-- granted. How it ended: rejected_by/rejection_reason_* (consents API v3), and for a revoked sharing
-- revoked_by (USER, PARTNER, TRANSMITTER) and revocation_channel (PONTE, TRANSMITTER, PARTNER_API).
-- next_check_at: when the follower reads it at the bank next (revocation or expiry there, resources
-- moving), with check_backoff_seconds growing while resources wait for approvers.
create table sharing_consent (
    id                        uuid          primary key,
    partner_id                varchar(64)   not null,
    session_id                uuid          references sharing_session (id),
    transmitter               varchar(128)  not null,
    transmitter_consent_id    varchar(256),
    status                    varchar(32)   not null,
    logged_user_document      varchar(11)   not null,
    business_entity_document  varchar(14),
    purpose                   varchar(500)  not null,
    groups                    text          not null,
    permissions               text          not null,
    duration_months           integer,
    expiration_date_time      timestamptz,
    authorisation_url         varchar(4096),
    created_at                timestamptz   not null,
    status_updated_at         timestamptz   not null,
    authorised_at             timestamptz,
    rejected_by               varchar(8),
    rejection_reason_code     varchar(64),
    rejection_reason_detail   varchar(2048),
    revoked_by                varchar(16),
    revocation_channel        varchar(16),
    expiring_notified_for     timestamptz,
    next_check_at             timestamptz,
    check_backoff_seconds     integer
);
create index sharing_consent_partner_idx on sharing_consent (partner_id, created_at desc);
create index sharing_consent_user_idx on sharing_consent (partner_id, logged_user_document, created_at desc);
create index sharing_consent_session_idx on sharing_consent (session_id);
create index sharing_consent_check_idx on sharing_consent (next_check_at) where next_check_at is not null;
create index sharing_consent_term_idx on sharing_consent (expiration_date_time) where status = 'AUTHORISED';

create table sharing_resource (
    consent_id         uuid          not null references sharing_consent (id),
    resource_id        varchar(100)  not null,
    type               varchar(32)   not null,
    status             varchar(32)   not null,
    first_seen_at      timestamptz   not null,
    pending_since      timestamptz,
    approval_deadline  timestamptz,
    available_since    timestamptz,
    status_updated_at  timestamptz   not null,
    primary key (consent_id, resource_id)
);

create table sharing_extension (
    id                             uuid          primary key,
    consent_id                     uuid          not null references sharing_consent (id),
    partner_id                     varchar(64)   not null,
    requested_at                   timestamptz   not null,
    previous_expiration_date_time  timestamptz,
    expiration_date_time           timestamptz,
    requested_by                   varchar(8)    not null,
    idempotency_key                varchar(128),
    request_hash                   varchar(64)
);
create index sharing_extension_consent_idx on sharing_extension (consent_id, requested_at desc);
create unique index sharing_extension_idempotency_idx on sharing_extension (partner_id, idempotency_key)
    where idempotency_key is not null;
