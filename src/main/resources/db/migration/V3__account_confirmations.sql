-- Account-opening requests as sent to a bank: a confirmation must name one, from that bank.
create table account_opening_request (
  request_id     varchar(64)  primary key,
  owner          varchar(100) not null,
  beneficiary_id varchar(64)  not null,
  bank_bin       varchar(6)   not null,
  sent_at        timestamptz  not null,
  foreign key (owner, beneficiary_id) references beneficiary (owner, beneficiary_id)
);

-- The personal-id → account mapping: one active account per beneficiary and program; a later
-- confirmation from another bank supersedes it, and the history stays.
create table beneficiary_account (
  id             bigserial    primary key,
  owner          varchar(100) not null,
  beneficiary_id varchar(64)  not null,
  program        varchar(40)  not null,
  personal_id    char(12)     not null,
  bank_bin       varchar(6)   not null,
  account_number varchar(19)  not null,
  account_name   varchar(200) not null,
  opened_at      timestamptz  not null,
  active         boolean      not null,
  superseded_at  timestamptz,
  foreign key (owner, beneficiary_id) references beneficiary (owner, beneficiary_id)
);
create unique index beneficiary_account_active on beneficiary_account (owner, beneficiary_id, program) where active;
create index beneficiary_account_personal on beneficiary_account (personal_id, program) where active;

-- Idempotency-Key semantics for pushes from partners: same key and body → the same answer.
create table idempotent_request (
  partner       varchar(100) not null,
  idem_key      varchar(200) not null,
  body_sha256   char(64)     not null,
  status        integer      not null,
  response      text         not null,
  created_at    timestamptz  not null,
  primary key (partner, idem_key)
);
