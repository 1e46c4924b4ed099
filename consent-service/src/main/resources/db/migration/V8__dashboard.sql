-- "Meus compartilhamentos": the links partners make for a user, and the dashboard sessions they open.
-- dashboard_link: short-lived and single-use (used_at). Only the SHA-256 of its token is kept; the token
-- is an HMAC of the link's id under a key derived from the master key, so that a replay of the
-- partner's request (idempotency_key, request_hash) gives the same URL without the token being stored.
create table dashboard_link (
    id                        uuid          primary key,
    partner_id                varchar(64)   not null,
    logged_user_document      varchar(11)   not null,
    business_entity_document  varchar(14),
    token_hash                varchar(64)   not null unique,
    created_at                timestamptz   not null,
    expires_at                timestamptz   not null,
    used_at                   timestamptz,
    idempotency_key           varchar(128),
    request_hash              varchar(64)
);
create unique index dashboard_link_idempotency_idx on dashboard_link (partner_id, idempotency_key)
    where idempotency_key is not null;
create index dashboard_link_expiry_idx on dashboard_link (expires_at);
-- dashboard_session: what the link was exchanged for. The user's browser holds the token (an HttpOnly
-- cookie); this table holds its SHA-256, the user it shows and until when.
create table dashboard_session (
    token_hash                varchar(64)   primary key,
    link_id                   uuid          not null references dashboard_link (id),
    partner_id                varchar(64)   not null,
    logged_user_document      varchar(11)   not null,
    business_entity_document  varchar(14),
    created_at                timestamptz   not null,
    expires_at                timestamptz   not null
);
create index dashboard_session_expiry_idx on dashboard_session (expires_at);
