-- W3C trace context (issue 15): the audit trail records the trace each event belongs to, and
-- outbox work keeps the traceparent of the request that queued it, so the background call
-- continues that trace when it runs, later and perhaps on another instance.
alter table audit_event add column trace_id varchar(32);
create index audit_event_trace on audit_event (trace_id) where trace_id is not null;
alter table outbox add column trace_parent varchar(55);
