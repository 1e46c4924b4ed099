-- One authorisation per consent, whatever its kind: the flow at the bank (PAR, the user's return,
-- the tokens) no longer lives in payment_consent, so that sharing consents use the same one.
--  kind                    PAYMENT or SHARING: which table consent_id is in
--  redirect_uri            the callback URI the request was pushed with (the code exchange repeats it);
--                          null for authorisations pushed before it was kept: the payment callback
--  oauth_state, nonce      the redirect's state (the callback finds the authorisation by it; null once
--                          the user came back) and the id_token's expected nonce
--  grant_*                 the PKCE verifier, then the user's access and refresh tokens, sealed together
--                          (AES-256-GCM under a per-record data key wrapped by the master key; the
--                          consent id is the associated data); null once the consent ended
create table authorisation (
    consent_id                uuid          primary key,
    kind                      varchar(16)   not null,
    partner_id                varchar(64)   not null,
    transmitter               varchar(128)  not null,
    transmitter_consent_id    varchar(256)  not null,
    redirect_uri              varchar(2048),
    oauth_state               varchar(64),
    nonce                     varchar(64),
    grant_ciphertext          bytea,
    grant_iv                  bytea,
    grant_wrapped_key         bytea,
    grant_key_iv              bytea,
    grant_master_key_id       varchar(64),
    access_token_expires_at   timestamptz,
    created_at                timestamptz   not null,
    updated_at                timestamptz   not null
);
create unique index authorisation_state_idx on authorisation (oauth_state) where oauth_state is not null;

insert into authorisation (consent_id, kind, partner_id, transmitter, transmitter_consent_id, oauth_state, nonce,
                           grant_ciphertext, grant_iv, grant_wrapped_key, grant_key_iv, grant_master_key_id,
                           access_token_expires_at, created_at, updated_at)
select id, 'PAYMENT', partner_id, transmitter, transmitter_consent_id, authorisation_state, authorisation_nonce,
       grant_ciphertext, grant_iv, grant_wrapped_key, grant_key_iv, grant_master_key_id,
       access_token_expires_at, created_at, status_updated_at
  from payment_consent
 where transmitter_consent_id is not null;

drop index payment_consent_authorisation_state_idx;
alter table payment_consent
    drop column authorisation_state,
    drop column authorisation_nonce,
    drop column grant_ciphertext,
    drop column grant_iv,
    drop column grant_wrapped_key,
    drop column grant_key_iv,
    drop column grant_master_key_id,
    drop column access_token_expires_at;
