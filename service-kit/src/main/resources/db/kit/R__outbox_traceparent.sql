-- The W3C traceparent of the span that wrote the event (null outside a trace): the outbox event
-- router places it as the record's traceparent header, so the trace goes on at the consumers.
-- Repeatable and idempotent: it joins existing databases after their services' own migrations.
alter table outbox add column if not exists traceparent varchar(55);
