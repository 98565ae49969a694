-- An account a bank reports wrong, closed or blocked (AC01, AC04, AC06) stops being used: the
-- mapping row stays, inactive, with when and why, so the history shows what happened to it.
alter table beneficiary_account add column deactivated_at timestamptz;
alter table beneficiary_account add column deactivation_reason varchar(200);
create index beneficiary_account_by_account on beneficiary_account (personal_id, bank_bin, account_number) where active;

-- A bank answers an opening request once: the answer, kept on the request, turns a second one away.
alter table account_opening_request add column answered_at timestamptz;
alter table account_opening_request add column answer varchar(10);   -- OPENED or REJECTED

-- The VSS social-insurance number ("mã số BHXH", 10 digits), where the registering agency gave one.
alter table beneficiary add column social_insurance_number char(10);
-- payment results name a person to VSS by this number: found by the owner's personal id
create index beneficiary_personal on beneficiary (owner, personal_id);
