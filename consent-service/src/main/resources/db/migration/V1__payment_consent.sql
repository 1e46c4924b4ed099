create table payment_consent (
    id                        uuid          primary key,
    partner_id                varchar(64)   not null,
    transmitter               varchar(128)  not null,
    transmitter_consent_id    varchar(256),
    status                    varchar(32)   not null,
    logged_user_document      varchar(14)   not null,
    business_entity_document  varchar(14),
    creditor_name             varchar(140)  not null,
    creditor_person_type      varchar(32)   not null,
    creditor_cpf_cnpj         varchar(14)   not null,
    amount                    numeric(19,2) not null,
    currency                  varchar(3)    not null,
    payment_date              date,
    local_instrument          varchar(8),
    redirect_uri              varchar(2048) not null,
    request                   jsonb         not null,
    created_at                timestamptz   not null,
    status_updated_at         timestamptz   not null,
    expiration_date_time      timestamptz   not null
);
create index payment_consent_partner_idx on payment_consent (partner_id, created_at desc);
