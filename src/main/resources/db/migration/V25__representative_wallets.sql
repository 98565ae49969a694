-- A representative's own e-wallet (SPEC §4.15, §4.16): payments through them may go to it instead
-- of an account; its provider confirms that it belongs to the representative, asked about under
-- the representative's personal id and name, never the beneficiary's.
alter table representative add column wallet_provider varchar(20) collate "C";
alter table representative add column wallet_id varchar(10) collate "C";   -- the phone number, as 0xxxxxxxxx
alter table representative add column name_key bigint;   -- the representative's name in matching form (citizen.NameKey)

-- The money goes to the representative's own account or wallet, not only collected through them:
-- the bank file names them as the creditor, and their identity is what the wallet provider confirms.
alter table payment add column to_representative boolean not null default false;
