-- Life-status sync with the population database (SPEC §4.11).

-- Each person with an active beneficiary, and when the sync verifies them next. Due times are spread
-- over the window by a hash of the id (register_next_due), so a month's registrations are not all due
-- on one day; '-infinity' puts a person first (an identity change pushed by the registry).
create table register_sync (
  personal_id   varchar(12) collate "C" primary key,
  due_at        timestamptz not null,
  claimed_until timestamptz              -- an instance is verifying the person until then (a lease)
);
create index register_sync_due on register_sync (due_at);

-- The pace towards the registry, shared by every instance: the end of the last call slot taken.
create table register_pace (
  id        smallint    primary key check (id = 1),
  free_from timestamptz not null
);
insert into register_pace (id, free_from) values (1, 'epoch');

-- Calls the sync made, per second, across instances (the sync status shows the last minute's rate).
create table register_sync_call (
  second timestamptz primary key,
  calls  integer     not null
);

-- Deaths learnt from the population database (its answers and its pushed events), each applied once
-- from the outbox: later payments stopped, then the beneficiaries' termination handed on.
create table death_notice (
  id            bigserial   primary key,
  personal_id   varchar(12) collate "C" not null,
  date_of_death date,
  source        varchar(40) not null,
  found_at      timestamptz not null,
  applied_at    timestamptz
);
create index death_notice_found on death_notice (found_at);

-- Is anyone with this personal id still a beneficiary: asked once per person the sync verifies.
create index beneficiary_by_person on beneficiary (personal_id);

-- The first time after `after` at which the person's place in the window comes round again: every
-- `every_s` seconds, at an offset that a hash of the personal id spreads evenly over the window.
create function register_next_due(pid text, after timestamptz, every_s bigint) returns timestamptz
language sql stable strict as $$
  select date_trunc('second', after) + make_interval(secs => (case when d = 0 then every_s else d end)::float8)
  from (select mod(mod(mod(hashtextextended(pid, 0), every_s) + every_s, every_s)
                   - mod(floor(extract(epoch from after))::bigint, every_s) + every_s, every_s) as d) x
$$;
