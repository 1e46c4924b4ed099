-- The W3C traceparent the event arrived with (its record's header): each delivery of the message is
-- a span of that trace and carries it to the partner.
alter table webhook_message add column traceparent varchar(55);
