-- The whitelabel track.
-- whitelabel_settings: a partner's brand on Ponte's screens. texts holds only the texts the partner
-- set (JSON); the screens take the Portuguese defaults for the rest. A partner without a row gets
-- Ponte's look.
create table whitelabel_settings (
    partner_id     varchar(64)   primary key,
    brand_name     varchar(60)   not null,
    logo_url       varchar(2048),
    primary_color  varchar(7)    not null,
    accent_color   varchar(7)    not null,
    texts          jsonb         not null,
    updated_at     timestamptz   not null
);
-- payment_intent: a payment consent request without the bank, waiting for the user to choose one
-- on the screens until expiration_date_time; consent_id is the consent made for the choice (the
-- latest, when the user had to choose again after a bank's refusal).
create table payment_intent (
    id                    uuid          primary key,
    partner_id            varchar(64)   not null,
    status                varchar(32)   not null,
    request               jsonb         not null,
    transmitter           varchar(128),
    consent_id            uuid          references payment_consent (id),
    created_at            timestamptz   not null,
    status_updated_at     timestamptz   not null,
    expiration_date_time  timestamptz   not null
);
create index payment_intent_partner_idx on payment_intent (partner_id, created_at desc);
