-- Commune codes change (July 2025: 34 provinces and no districts; again in 2026). Lists arrive with
-- the codes their authors know; reports group by the codes valid in the reported period. One row
-- maps an old commune code to the code (and province) valid from a date; an operator loads the
-- official table (DOMAIN.md: Decision 19/2025 and later).
create table admin_unit_change (
  old_commune  varchar(5)  collate "C" not null,
  valid_from   date        not null,
  new_commune  varchar(5)  collate "C" not null,
  new_province varchar(3)  collate "C" not null,
  primary key (old_commune, valid_from)
);
