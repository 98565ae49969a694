-- Retention (issue 6): events older than the configured age are archived to a signed export and
-- removed, oldest first, leaving a signed checkpoint at the cut so the chain still verifies. Only a
-- DELETE in a transaction that declares itself retention ('ansinh.audit_retention' = 'on') passes;
-- UPDATE, TRUNCATE and any other DELETE are still refused.
create or replace function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and current_setting('ansinh.audit_retention', true) = 'on' then
    return old;
  end if;
  raise exception 'audit_event is append-only';
end $$;

-- Where each cut's archive went: the inspector's way back to what was removed.
create table audit_retention_cut (
  seq          bigint       primary key,   -- the last event removed (a checkpoint is signed there)
  archive      varchar(300) not null,
  removed      bigint       not null,
  cut_at       timestamptz  not null
);
