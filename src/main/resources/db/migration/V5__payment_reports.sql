-- What one report changed for one batch, to be told to the paying agency (SPEC §4.5, §6.5)
-- through the outbox: paymentId, beneficiaryId, status, reason code and amount per line.
create table payment_result (
  id          bigserial    primary key,
  batch_key   bigint       not null references payment_batch (batch_key),
  bank_bin    varchar(6)   not null,
  msg_id      varchar(35)  not null,
  results     text         not null,   -- JSON array
  created_at  timestamptz  not null
);
