-- E-wallets as a payment channel beside banks (SPEC §4.15). A payment row may name a wallet
-- provider and the wallet's phone number instead of a bank account; never both.
alter table payment add column wallet_provider varchar(20) collate "C";
alter table payment add column wallet_id varchar(10) collate "C";   -- the phone number, as 0xxxxxxxxx

-- The providers' answers on who owns a wallet, asked once before the first payment to it and kept:
-- a wallet is paid only when its provider confirmed it belongs to that personal id under that name.
create table wallet_ownership (
  provider    varchar(20) collate "C" not null,
  wallet_id   varchar(10) collate "C" not null,
  personal_id varchar(12) collate "C" not null,
  name_key    bigint      not null,             -- the name asked about, in matching form (citizen.NameKey)
  confirmed   boolean     not null,
  result      varchar(20) not null,             -- CONFIRMED, MISMATCH or UNKNOWN_WALLET, as the provider answered
  checked_at  timestamptz not null,
  primary key (provider, wallet_id, personal_id, name_key)
);

-- One JSON payment order per batch and provider, planned when the batch is validated and sent
-- after approval; its rows are the batch's wallet payments with that provider, so a payment is
-- in exactly one order, and every attempt (a replay too) sends the same order under the same id.
create table wallet_order (
  order_id     varchar(35)  primary key,
  batch_key    bigint       not null references payment_batch (batch_key),
  provider     varchar(20)  collate "C" not null,
  tx_count     bigint       not null,
  total_vnd    bigint       not null,
  status       varchar(12)  not null,           -- PLANNED, DELIVERED
  created_at   timestamptz  not null,
  delivered_at timestamptz,
  unique (batch_key, provider)
);
create index payment_wallet_rows on payment (batch_key, wallet_provider) where wallet_provider is not null;

-- a wallet provider's report tells the paying agency like a bank's does
alter table payment_result add column wallet_provider varchar(20);

-- A registration may name a wallet instead of a bank account: then no account is requested, and a
-- payment row naming neither account nor wallet is paid to that wallet (its owner confirmed first).
alter table beneficiary add column wallet_provider varchar(20) collate "C";
alter table beneficiary add column wallet_id varchar(10) collate "C";
alter table beneficiary alter column preferred_bank_bin drop not null;
