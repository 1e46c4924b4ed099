-- The audit log: every security-relevant action of every service (audit:recorded on audit.events),
-- stored by the vault's AuditLogConsumer. Append-only: rows are inserted, never changed or removed.
create table audit_log (
    -- the audit event's id: a redelivered event finds its row (and its processed_event entry)
    id            uuid         primary key,
    -- when the action happened (the event's time), and when the vault stored it
    occurred_at   timestamptz  not null,
    recorded_at   timestamptz  not null default now(),
    -- the service that acted (the event's source)
    source        varchar(64)  not null,
    actor_type    varchar(16)  not null,
    actor_id      varchar(255),
    action        varchar(64)  not null,
    resource_type varchar(64)  not null,
    resource_id   varchar(255) not null,
    -- the partner concerned; null for a platform-level action
    partner_id    varchar(64),
    details       jsonb        not null,
    traceparent   varchar(55)
);

-- GET /v1/audit-log: newest first, filtered by partner, action, resource (type and id) and time
create index audit_log_time_idx on audit_log (occurred_at desc, id desc);
create index audit_log_partner_idx on audit_log (partner_id, occurred_at desc, id desc);
create index audit_log_resource_idx on audit_log (resource_type, resource_id, occurred_at desc, id desc);
create index audit_log_action_idx on audit_log (action, occurred_at desc, id desc);

-- Not even a bug rewrites history: UPDATE, DELETE and TRUNCATE raise, for every statement (also one
-- that matches no row). ENABLE ALWAYS keeps the trigger firing under session_replication_role =
-- replica too. Only the table's owner could drop or disable it, which is a migration, reviewed.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_append_only before update or delete or truncate on audit_log
    for each statement execute function audit_log_append_only();
alter table audit_log enable always trigger audit_log_append_only;
