-- One run collecting a data-sharing consent's data (consent-service's id) from its transmitter.
-- started_at is set when the run starts (RUNNING), finished_at when it ends (FINISHED or FAILED).
create table collection (
    id            uuid          primary key,
    partner_id    varchar(64)   not null,
    consent_id    uuid          not null,
    transmitter   varchar(128)  not null,
    status        varchar(16)   not null,
    started_at    timestamptz,
    finished_at   timestamptz
);
create index collection_partner_idx on collection (partner_id);
create index collection_consent_idx on collection (consent_id);
