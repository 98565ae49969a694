-- Append-only, hash-chained audit trail (SPEC §4.7, §7). Personal ids appear only as a keyed hash.
create table audit_event (
  seq              bigint       primary key,
  occurred_at      timestamptz  not null,
  direction        varchar(8)   not null,   -- INBOUND (a partner called us) or OUTBOUND (we called an agency)
  partner          varchar(100) not null,
  xroad_client     varchar(200),
  xroad_id         varchar(200),
  service          varchar(100) not null,
  operation        varchar(100) not null,
  outcome          varchar(40)  not null,
  status           integer,
  latency_ms       integer      not null,
  request_id       varchar(64),
  request_sha256   char(64),
  response_sha256  char(64),
  subject_hash     char(64),
  prev_hash        char(64)     not null,
  hash             char(64)     not null
);

create index audit_event_occurred_at on audit_event (occurred_at);
create index audit_event_subject on audit_event (subject_hash) where subject_hash is not null;
create index audit_event_request on audit_event (request_id);
create index audit_event_partner on audit_event (partner, occurred_at);

-- The head of the chain; writers lock this row, so several gateway instances extend one chain.
create table audit_chain_head (
  id        smallint primary key check (id = 1),
  last_seq  bigint   not null,
  last_hash char(64) not null
);
insert into audit_chain_head (id, last_seq, last_hash) values (1, 0, repeat('0', 64));

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only';
end;
$$;

create trigger audit_event_no_update before update or delete on audit_event
  for each row execute function audit_event_is_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_event_is_append_only();
