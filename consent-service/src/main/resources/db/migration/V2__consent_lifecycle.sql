-- Why a consent was rejected (payments API rejectionReason: code and detail), and when a timer
-- fires: expiration_date_time is the deadline of the current window (authorisation, then
-- consumption), read by ConsentExpiry, so timers survive restarts.
alter table payment_consent
    add column rejection_reason_code   varchar(64),
    add column rejection_reason_detail varchar(2048);
create index payment_consent_open_deadline_idx on payment_consent (expiration_date_time)
    where status in ('AWAITING_AUTHORISATION', 'PARTIALLY_ACCEPTED', 'AUTHORISED');
