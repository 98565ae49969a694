-- Bank payment reports (SPEC §4.5): pain.002 and camt.054, idempotent by the bank's message id.
create table payment_report (
  bank_bin     varchar(6)   not null,
  msg_id       varchar(35)  not null,
  msg_type     varchar(20)  not null,
  body_sha256  char(64)     not null,
  response     text         not null,
  received_at  timestamptz  not null,
  primary key (bank_bin, msg_id)
);
