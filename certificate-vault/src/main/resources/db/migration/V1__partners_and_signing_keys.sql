create table partner (
    id            uuid         primary key,
    name          varchar(200) not null,
    client_id     varchar(64)  not null unique,
    -- Argon2id, PHC string format; the secret itself is never stored
    secret_hash   varchar(255) not null,
    status        varchar(16)  not null,
    created_at    timestamptz  not null
);

-- Keys the vault signs partner access tokens with. The private key is encrypted with AES-256-GCM
-- under a per-record data key, which is itself wrapped by the master key (envelope encryption).
create table token_signing_key (
    kid                 varchar(64)  primary key,
    public_key          bytea        not null,
    private_key_cipher  bytea        not null,
    private_key_iv      bytea        not null,
    data_key_wrapped    bytea        not null,
    data_key_iv         bytea        not null,
    master_key_id       varchar(64)  not null,
    active              boolean      not null,
    created_at          timestamptz  not null
);
create unique index token_signing_key_one_active on token_signing_key (active) where active;
