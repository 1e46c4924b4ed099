-- The consent at the transmitter and the authorisation redirect.
--  authorisation_url           where the user is sent (the bank's authorisation endpoint with the PAR request_uri)
--  authorisation_state         the OAuth state of that redirect: the callback finds the consent by it
--  authorisation_nonce         the id_token's expected nonce
--  idempotency_key, request_hash  the partner's x-idempotency-key and the SHA-256 of its request body
--  grant_*                     the PKCE verifier, then the user's access and refresh tokens at the
--                              transmitter, sealed together (AES-256-GCM under a per-record data key
--                              wrapped by the service's master key); never stored in clear
--  access_token_expires_at     when the sealed access token must be refreshed
--  automatic_payment           when set, payment-service initiates the payment as soon as the consent is authorised
alter table payment_consent
    add column authorisation_url            varchar(4096),
    add column authorisation_state          varchar(64),
    add column authorisation_nonce          varchar(64),
    add column idempotency_key              varchar(128),
    add column request_hash                 varchar(64),
    add column grant_ciphertext             bytea,
    add column grant_iv                     bytea,
    add column grant_wrapped_key            bytea,
    add column grant_key_iv                 bytea,
    add column grant_master_key_id          varchar(64),
    add column access_token_expires_at      timestamptz,
    add column rejected_by                  varchar(8),
    add column automatic_payment            jsonb;
create unique index payment_consent_authorisation_state_idx on payment_consent (authorisation_state)
    where authorisation_state is not null;
create unique index payment_consent_idempotency_idx on payment_consent (partner_id, idempotency_key)
    where idempotency_key is not null;
create index payment_consent_partially_accepted_idx on payment_consent (status_updated_at)
    where status = 'PARTIALLY_ACCEPTED';
