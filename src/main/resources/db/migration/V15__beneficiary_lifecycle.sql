-- The lifecycle of a beneficiary (SPEC §4.10): corrections, moves, suspensions and termination,
-- each with who, when and from which date.

-- The ETag of GET /beneficiaries/{id}: every update of the row, whoever makes it (onboarding, a
-- bank's confirmation, a change), moves the version on, so a stale If-Match is always caught.
alter table beneficiary add column version bigint not null default 1;
create function beneficiary_next_version() returns trigger language plpgsql as $$
begin
  new.version := old.version + 1;
  return new;
end;
$$;
create trigger beneficiary_version before update on beneficiary
  for each row execute function beneficiary_next_version();

-- Set once a termination is recorded: the beneficiary then takes no more changes (409).
alter table beneficiary add column terminated_from date;
alter table beneficiary add column termination_reason varchar(20);   -- DECEASED, MOVED_OUT, NO_LONGER_ELIGIBLE, OTHER
-- the population database's death notices find every registration of the person
create index beneficiary_person on beneficiary (personal_id) where terminated_from is null;

-- Periods without payment, as rows, counted in months: from from_date's month up to, not including,
-- until_date's month (until_date is the resume date; null: still open).
create table beneficiary_period (
  id             bigserial    primary key,
  owner          varchar(100) not null,
  beneficiary_id varchar(64)  not null,
  kind           varchar(12)  not null,   -- SUSPENDED or TERMINATED
  from_date      date         not null,
  until_date     date,
  reason         varchar(200) not null,
  note           varchar(500),
  foreign key (owner, beneficiary_id) references beneficiary (owner, beneficiary_id)
);
create index beneficiary_period_of on beneficiary_period (owner, beneficiary_id);

-- Where a beneficiary lived, from which date: a move adds a row (the registration's commune is
-- recorded from 1900-01-01 at the first move). A period counts the commune in force in its month.
create table beneficiary_commune (
  owner          varchar(100) not null,
  beneficiary_id varchar(64)  not null,
  valid_from     date         not null,
  province_code  varchar(3),
  commune_code   varchar(5),
  primary key (owner, beneficiary_id, valid_from),
  foreign key (owner, beneficiary_id) references beneficiary (owner, beneficiary_id)
);

-- Every change, for GET /beneficiaries/{id}/history and the agency's notification: names of the
-- fields changed, never their values.
create table beneficiary_change (
  id             bigserial    primary key,
  owner          varchar(100) not null,
  beneficiary_id varchar(64)  not null,
  kind           varchar(20)  not null,   -- CHANGED, MOVED, SUSPENDED, RESUMED, TERMINATED
  fields         varchar(300) not null,   -- comma-separated field names
  effective_from date,
  reason         varchar(200),
  changed_by     varchar(100) not null,   -- the partner's client id or the staff user; a system source for deaths
  changed_at     timestamptz  not null,
  request_id     varchar(64),
  foreign key (owner, beneficiary_id) references beneficiary (owner, beneficiary_id)
);
create index beneficiary_change_of on beneficiary_change (owner, beneficiary_id, id);

-- Payment validation's new stop: suspended or terminated for the period (payment status INELIGIBLE).
alter table payment_batch add column ineligible_count bigint;
