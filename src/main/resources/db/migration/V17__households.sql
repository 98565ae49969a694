-- Households (SPEC §4.13): the registering agency's household id and its poverty category, so the
-- campaign to open an account for every poor and near-poor household can be counted per commune.
alter table beneficiary add column household_id varchar(32);
alter table beneficiary add column household_category varchar(10);   -- POOR or NEAR_POOR
-- the account-opening progress report reads one province's households at a time
create index beneficiary_household on beneficiary (province_code, owner, household_id) include (commune_code, household_category, status, beneficiary_id)
  where household_id is not null;
