-- A batch's cash outcomes (recorded as paid at the payment point; not collected) are counted on
-- the batch as they happen, by the payout that records one and the sweep that moves the rest, in
-- the same transaction as the payments. The batch view read them by scanning every cash payment
-- of the batch on each request: tens of milliseconds for a province's month, on every poll.
alter table payment_batch add column cash_paid_count bigint not null default 0;
alter table payment_batch add column cash_uncollected_count bigint not null default 0;

update payment_batch b
set cash_paid_count = c.paid, cash_uncollected_count = c.uncollected
from (select batch_key, count(*) filter (where status = 'PAID') as paid,
             count(*) filter (where status = 'UNCOLLECTED') as uncollected
      from payment
      where file_seq is null and bank_bin is null and wallet_provider is null and status in ('PAID', 'UNCOLLECTED')
      group by batch_key) c
where c.batch_key = b.batch_key;
