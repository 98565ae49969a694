-- The rows of a list that may repeat another row's payment id, personal id or household, found
-- while the list is read (payment/RepeatedValues), written with the list: validation compares
-- these rows instead of grouping the whole list by the column, and removes them when it is done.
-- No row for a column (a list read before this, or one too long to follow): the whole list is
-- compared, as before.
create table payment_repeat_rows (
  batch_key  bigint      not null,
  key_column varchar(20) not null,   -- payment_id, personal_id, household_id
  row_nos    integer[]   not null,   -- in list order; every row of a repeated value, and possibly others
  primary key (batch_key, key_column)
);
