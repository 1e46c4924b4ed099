-- A Pix payment a partner initiated on an authorised payment consent (consent-service's id).
-- status holds the Pix status wire value (RCVD, ACCP, ACSC, RJCT, ...); rejection_code the
-- transmitter's reason when it is RJCT.
create table pix_payment (
    id                      uuid          primary key,
    partner_id              varchar(64)   not null,
    consent_id              uuid          not null,
    transmitter_payment_id  varchar(100),
    status                  varchar(4)    not null,
    rejection_code          varchar(64),
    end_to_end_id           varchar(32),
    created_at              timestamptz   not null,
    status_updated_at       timestamptz   not null
);
create index pix_payment_partner_idx on pix_payment (partner_id, created_at desc);
create index pix_payment_consent_idx on pix_payment (consent_id);
