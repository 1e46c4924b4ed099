-- The partner's client at each transmitter (authorisation server): entered by the partner, or
-- obtained by dynamic client registration. The registration access token (needed to update the
-- registration) is a secret: sealed like the keys, never returned.
create table transmitter_registration (
    partner_id                uuid          not null references partner (id),
    authorisation_server_id   varchar(64)   not null,
    client_id                 varchar(255)  not null,
    source                    varchar(16)   not null,
    issuer                    varchar(2048),
    discovery_url             varchar(2048),
    registration_client_uri   varchar(2048),
    rat_cipher                bytea,
    rat_iv                    bytea,
    rat_data_key_wrapped      bytea,
    rat_data_key_iv           bytea,
    master_key_id             varchar(64),
    created_at                timestamptz   not null,
    updated_at                timestamptz   not null,
    primary key (partner_id, authorisation_server_id)
);
