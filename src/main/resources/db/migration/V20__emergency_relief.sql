-- Emergency relief (SPEC §4.14): a provincial decision paying a fixed amount per person or per
-- household in the communes a storm, flood, landslide, drought or epidemic hit, within a budget.
create table relief_program (
  program_key              bigserial    primary key,
  program_id               varchar(36)  not null unique,            -- the public id (a UUID)
  owner                    varchar(100) not null,                   -- the deciding partner's client id
  decision_number          varchar(50)  not null,
  decision_key             varchar(60)  collate "C" not null,       -- province and decision number in one form
  decided_on               date         not null,
  hazard                   varchar(10)  not null,
  province_code            varchar(2)   not null,
  commune_codes            varchar(5)[] not null,                   -- the affected communes, valid on decided_on
  amount_per_person_vnd    bigint,
  amount_per_household_vnd bigint,
  budget_vnd               bigint       not null,
  committed_vnd            bigint       not null default 0,         -- claimed by validated lists, not declined since
  pay_until                date         not null,
  created_at               timestamptz  not null,
  check ((amount_per_person_vnd is null) <> (amount_per_household_vnd is null)),
  -- the last line of defence for the budget: a list that would pass it cannot commit
  check (committed_vnd >= 0 and committed_vnd <= budget_vnd),
  unique (owner, decision_key)
);

-- Paid once per decision, across every list and agency: a person ('P:' and the personal id) and,
-- where the amount is per household, the household ('H:' and its id). The primary key is the last
-- line of defence against paying twice, like person_claim for monthly lists.
create table relief_claim (
  decision_key varchar(60) collate "C" not null,
  subject      varchar(40) collate "C" not null,
  batch_key    bigint      not null,
  primary key (decision_key, subject)
);
create index relief_claim_batch on relief_claim (batch_key);   -- a declined list's claims are given back

-- A relief list names its program; its period is the month of the decision.
alter table payment_batch add column relief_program_key bigint references relief_program (program_key);
alter table payment_batch add column relief_committed_vnd bigint;   -- what the list took of the budget
create index payment_batch_relief on payment_batch (relief_program_key) where relief_program_key is not null;

-- Relief rows carry the recipient's date of birth (checked with the population database) and household.
alter table payment add column date_of_birth date;
alter table payment add column household_id varchar(32);

-- The registry's date of birth, so that a relief row's date is checked without a call per row.
alter table person_verification add column date_of_birth date;
