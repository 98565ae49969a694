-- Totals are exact for any list (SPEC §4.9): a sum of 64-bit amounts over a million rows, or a declared
-- control sum of 20 digits, does not fit a bigint. Sums of đồng become numeric (whole numbers: the
-- gateway never writes a fraction).
alter table payment_batch
  alter column declared_sum type numeric,
  alter column received_sum type numeric,   -- every amount that is a whole number, negative or huge ones too
  alter column cash_sum     type numeric,
  alter column bank_sum     type numeric;

alter table payment_file alter column ctrl_sum type numeric;

-- An invalid row keeps its amount as sent when it is a whole number of any sign and size, so that the
-- reconciliation adds up to the control sum an agency computed over its whole file. Valid rows stay
-- within their program's ceiling.
alter table payment alter column amount_vnd type numeric;
