-- Beneficiaries registered by a paying agency (SPEC §4.2). The personal id and name are kept
-- because payments need them; they never reach logs or the audit trail.
create table beneficiary (
  owner              varchar(100) not null,   -- the registering partner's client id
  beneficiary_id     varchar(64)  not null,
  program            varchar(40)  not null,
  personal_id        char(12)     not null,
  full_name          varchar(200) not null,
  date_of_birth      date         not null,
  gender             varchar(6),
  province_code      varchar(3),
  commune_code       varchar(5),
  phone              varchar(20),
  preferred_bank_bin varchar(6)   not null,
  status             varchar(30)  not null,
  status_reason      varchar(200),
  created_at         timestamptz  not null,
  updated_at         timestamptz  not null,
  primary key (owner, beneficiary_id)
);

-- Transactional outbox: work accepted with a 202 is stored in the same transaction, then claimed
-- with FOR UPDATE SKIP LOCKED by any instance, retried with backoff, and dead-lettered at last.
create table outbox (
  id              bigserial    primary key,
  kind            varchar(60)  not null,
  owner           varchar(100) not null,
  subject         varchar(64)  not null,     -- what the work is about, e.g. a beneficiary id
  status          varchar(16)  not null,     -- PENDING, DONE, DEAD
  attempts        integer      not null default 0,
  next_attempt_at timestamptz  not null,
  last_error      varchar(500),
  created_at      timestamptz  not null,
  updated_at      timestamptz  not null
);
create index outbox_due on outbox (next_attempt_at) where status = 'PENDING';
create index outbox_dead on outbox (updated_at) where status = 'DEAD';
