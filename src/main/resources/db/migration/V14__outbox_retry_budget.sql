-- The retry budget is a duration (gateway.outbox.retry-for), counted from the first failure of an
-- item's current round of attempts; a replay starts a new round.
alter table outbox add column retrying_since timestamptz;

-- A batch shows its dead-lettered bank files: outbox work looked up by what it is about.
create index outbox_subject on outbox (subject, kind);
