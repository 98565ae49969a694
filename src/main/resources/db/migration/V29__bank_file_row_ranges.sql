-- A bank file's payments are found through the primary key, in the range of list rows the file
-- spans (first_row to last_row), instead of through an index over every payment's file. Keeping
-- that index cost a million-row list's COPY 1.2-1.4 s of 4.5 s (psql, the same rows, 2026-12-01).
-- A file holds its bank's rows in list order, so among four banks a file of 10,000 transfers spans
-- about 40,000 rows; rows given an account in validation are numbered after the bank's rows and
-- widen the range of the files they go to. A range covers every row numbered into the file, stopped
-- ones too, so a payment freed back into its file is in it already.
-- The defaults are the whole list: a file planned by an instance still running the code before this
-- (a rolling deploy) is found, only more slowly.
alter table payment_file add column first_row integer not null default 0;
alter table payment_file add column last_row integer not null default 2147483647;

update payment_file f
set first_row = r.first_row, last_row = r.last_row
from (select batch_key, bank_bin, file_seq, min(row_no) as first_row, max(row_no) as last_row
      from payment where file_seq is not null
      group by batch_key, bank_bin, file_seq) r
where r.batch_key = f.batch_key and r.bank_bin = f.bank_bin and r.file_seq = f.file_seq;
drop index payment_file_rows;
