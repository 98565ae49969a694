-- The eligibility gate (SPEC §4.9): what the population database last said about a person, so
-- that a month's list is checked against it without a call per row. Written by every lookup
-- (verifications, onboarding, the gate itself); a row older than the freshness window is asked again.
create table person_verification (
  personal_id   varchar(12) collate "C" primary key,
  known         boolean     not null,   -- false: the population database does not know the id
  name_key      bigint,                 -- 64-bit hash of the registry's name in matching form (citizen.NameKey)
  verified_at   timestamptz not null
);

-- The date of death, when known (the registry's NgayMat): payments up to and including that
-- month stay payable. Null: known to be deceased (a bank's MD07 report) without a date.
alter table deceased_person add column date_of_death date;

-- An operator's correction of a wrong death record: the record leaves deceased_person, and the
-- same death is not taken from the registry again until it reports another date.
create table death_record_correction (
  id            bigserial    primary key,
  personal_id   varchar(12)  collate "C" not null,
  date_of_death date,
  source        varchar(40)  not null,
  recorded_at   timestamptz  not null,
  corrected_by  varchar(100) not null,
  reason        varchar(300) not null,
  corrected_at  timestamptz  not null
);
create index death_record_correction_person on death_record_correction (personal_id);

-- Each row's name in matching form, hashed at intake, compared with the registry's.
alter table payment add column name_key bigint;
alter table payment alter column status type varchar(20);

-- Progress of the gate: people of the list to verify live, and verified so far.
alter table payment_batch add column people_to_verify bigint;
alter table payment_batch add column people_verified bigint;
alter table payment_batch add column verified_through_row integer;   -- the gate's place in the list
alter table payment_batch add column unverified_count bigint;
alter table payment_batch add column identity_mismatch_count bigint;

-- Validation's stops are told to the paying agency like a bank's results, with no bank.
alter table payment_result alter column bank_bin drop not null;
