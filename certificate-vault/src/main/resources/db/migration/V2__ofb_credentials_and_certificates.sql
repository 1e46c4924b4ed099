-- The partner's identity in Open Finance Brasil's directory: its participant code (organizationId)
-- and the software statement its transport certificates are issued for. Certificates are checked
-- against these.
create table ofb_organization (
    partner_id             uuid         primary key references partner (id),
    organization_id        varchar(64)  not null,
    software_statement_id  varchar(64)  not null,
    updated_at             timestamptz  not null
);

-- Transport (BRCAC) and signing (BRSEAL) certificates. The chain is public; the private key is
-- PKCS#8 encrypted with AES-256-GCM under a data key of its own, wrapped by the master key
-- (envelope encryption, see README). At most one ACTIVE certificate per partner and usage.
create table certificate (
    id                    uuid          primary key,
    partner_id            uuid          not null references partner (id),
    usage                 varchar(16)   not null,
    status                varchar(16)   not null,
    subject               varchar(2048) not null,
    issuer                varchar(2048) not null,
    serial_number         varchar(128)  not null,
    not_before            timestamptz   not null,
    not_after             timestamptz   not null,
    fingerprint_sha256    varchar(64)   not null,
    chain_pem             text          not null,
    key_algorithm         varchar(16)   not null,
    -- null once revoked: the key is shredded
    key_cipher            bytea,
    key_iv                bytea,
    key_data_key_wrapped  bytea,
    key_data_key_iv       bytea,
    master_key_id         varchar(64),
    -- the smallest expiry notice (30, 7 or 1 days before) already sent
    expiry_notice_days    int,
    replaces_id           uuid          references certificate (id),
    created_at            timestamptz   not null,
    replaced_at           timestamptz,
    revoked_at            timestamptz,
    revocation_reason     varchar(500)
);
create unique index certificate_one_active on certificate (partner_id, usage) where status = 'ACTIVE';
create index certificate_partner_idx on certificate (partner_id, created_at desc);
create index certificate_expiry_idx on certificate (not_after) where status = 'ACTIVE';
