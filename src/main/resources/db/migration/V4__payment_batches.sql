-- Monthly payment batches (SPEC §4.4). A batch's rows are stored as they stream in, before the
-- 202; validation, the treasury's approval and the bank files follow from the outbox.
create table payment_batch (
  batch_key       bigserial    primary key,
  batch_id        varchar(36)  not null unique,  -- the public id (a UUID)
  owner           varchar(100) not null,         -- the paying partner's client id
  program         varchar(40)  not null,
  period          char(7)      not null,         -- yyyy-MM
  status          varchar(20)  not null,
  status_reason   varchar(300),
  declared_count  bigint       not null,
  declared_sum    bigint       not null,
  received_count  bigint       not null,
  received_sum    bigint       not null,         -- of the rows whose amount could be read
  invalid_count   bigint       not null,
  duplicate_count bigint,                        -- the rest are known once the batch is validated
  deceased_count  bigint,
  cash_count      bigint,
  cash_sum        bigint,
  bank_count      bigint,
  bank_sum        bigint,
  approved_by     varchar(100),
  approved_at     timestamptz,
  created_at      timestamptz  not null,
  updated_at      timestamptz  not null
);
create index payment_batch_owner on payment_batch (owner, created_at);

-- One row per submitted row. Invalid rows keep only what identifies them and their errors.
-- file_seq names the one bank file a payment goes in (with batch and bank): set once, never changed;
-- a row stopped as a duplicate or deceased keeps its number and is left out of the file.
-- Ids and codes compare byte by byte (collation "C"): they are ASCII codes, and sorts stay fast.
create table payment (
  batch_key      bigint       not null,   -- no foreign key: a per-row check costs seconds per million rows,
                                          -- and rows are only written with their batch, in its transaction
  row_no         integer      not null,
  payment_id     varchar(64) collate "C",
  beneficiary_id varchar(64),
  personal_id    varchar(12) collate "C",
  full_name      varchar(200),
  amount_vnd     bigint,
  bank_bin       varchar(6)  collate "C",
  account_number varchar(19),
  province_code  varchar(3),
  commune_code   varchar(5),
  purpose        varchar(140),
  status         varchar(12)  not null,
  status_reason  varchar(200),
  errors         text,                           -- INVALID rows: "field<TAB>reason" lines
  file_seq       integer,
  primary key (batch_key, row_no)
);
create index payment_file_rows on payment (batch_key, bank_bin, file_seq) where file_seq is not null;

-- What has been claimed for payment, for ever: a payer's payment id once, and a person once per
-- program and period. The primary keys are the last line of defence against paying twice.
create table payment_id_claim (
  owner      varchar(100) collate "C" not null,
  payment_id varchar(64)  collate "C" not null,
  batch_key  bigint       not null,
  primary key (owner, payment_id)
);
create table person_claim (
  program     varchar(40) collate "C" not null,
  period      char(7)     collate "C" not null,
  personal_id varchar(12) collate "C" not null,
  batch_key   bigint      not null,
  primary key (program, period, personal_id)
);

-- The bank files of a batch, planned when the batch is validated and sent after approval.
create table payment_file (
  file_id      varchar(35)  primary key,         -- the pain.001 MsgId (Max35Text)
  batch_key    bigint       not null references payment_batch (batch_key),
  bank_bin     varchar(6)   not null,
  file_seq     integer      not null,
  tx_count     bigint       not null,
  ctrl_sum     bigint       not null,
  status       varchar(12)  not null,            -- PLANNED, DELIVERED
  created_at   timestamptz  not null,
  delivered_at timestamptz,
  unique (batch_key, bank_bin, file_seq)
);

-- People known to be deceased: from the population database's answers and from banks' reports.
create table deceased_person (
  personal_id varchar(12)  collate "C" primary key,
  source      varchar(40)  not null,
  recorded_at timestamptz  not null
);
