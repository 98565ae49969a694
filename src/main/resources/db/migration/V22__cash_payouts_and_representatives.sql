-- Cash payouts recorded at the commune payment point, and authorised representatives (SPEC §4.16).

-- A person who collects for a beneficiary, as its owning agency registered them, verified against
-- the population database. One is in force per beneficiary on any date: a new one ends the one
-- before it the day it starts; DELETE ends it from that day (ended_on). Kept for the payments made
-- through it.
create table representative (
  id                      bigserial    primary key,
  owner                   varchar(100) not null,
  beneficiary_id          varchar(64)  not null,
  personal_id             varchar(12)  not null,
  full_name               varchar(200) not null,
  date_of_birth           date         not null,
  relationship            varchar(20)  not null,
  authorisation_reference varchar(100) not null,
  valid_from              date         not null,
  valid_until             date         not null,   -- the last day it may be used
  bank_bin                varchar(6),               -- the representative's own account, when payments go there
  account_number          varchar(19),
  ended_on                date,                     -- not used from this day on (replaced or ended)
  created_by              varchar(100) not null,
  created_at              timestamptz  not null
);
create index representative_of on representative (owner, beneficiary_id, id);

-- The representative a payment goes to or was collected by; null: the beneficiary themself.
alter table payment add column representative_id bigint;

-- What the payment point recorded, once per payment: the outcome, when and where, and by whom.
create table cash_payout (
  batch_key         bigint       not null,
  row_no            integer      not null,
  outcome           varchar(24)  not null,   -- PAID_IN_CASH, PAID_TO_REPRESENTATIVE, NOT_COLLECTED
  paid_at           timestamptz  not null,
  place             varchar(200) not null,
  representative_id bigint,
  recorded_by       varchar(100) not null,   -- the cash partner's client id or the staff user
  recorded_at       timestamptz  not null,
  primary key (batch_key, row_no)
);

-- the cash payments only (a list's other rows are not indexed): the payment points' lists by
-- commune, the uncollected sweep, and the batch view's cash counts
create index payment_cash on payment (batch_key, commune_code)
  where bank_bin is null and status in ('CASH', 'PAID', 'UNCOLLECTED');
