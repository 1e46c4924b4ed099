-- Initiation at the transmitter and status polling.
--  initiation           SENDING while Ponte asks the transmitter; ANSWERED once it answered 201 or 422
--                       (status then holds the Pix status, RJCT for a 422); FAILED when it answered
--                       anything else or could not be reached (no payment exists, the consent stays
--                       AUTHORISED; a retry with the same x-idempotency-key sends again)
--  request              the CreatePixPayment data sent; consent the consent's data it was built from
--  next_poll_at         when to read the status at the transmitter next (null: final, nothing to poll)
--  poll_attempts        how many times it was read; the backoff grows with it
alter table pix_payment
    alter column status drop not null,
    add column initiation              varchar(8)    not null default 'ANSWERED',
    add column transmitter             varchar(128),
    add column transmitter_consent_id  varchar(256),
    add column rejection_detail        varchar(2048),
    add column initiation_error        varchar(2048),
    add column idempotency_key         varchar(128),
    add column request_hash            varchar(64),
    add column request                 jsonb,
    add column consent                 jsonb,
    add column next_poll_at            timestamptz,
    add column poll_attempts           integer       not null default 0;
create unique index pix_payment_idempotency_idx on pix_payment (partner_id, idempotency_key)
    where idempotency_key is not null;
create index pix_payment_due_poll_idx on pix_payment (next_poll_at) where next_poll_at is not null;
create unique index pix_payment_transmitter_idx on pix_payment (transmitter, transmitter_payment_id)
    where transmitter_payment_id is not null;
