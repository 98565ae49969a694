-- Official administrative units (SPEC §4.12) as dated lists: the 63 provinces and 10,035 communes in
-- force until 2025-06-30, the 34 provinces and 3,321 communes from 2025-07-01, and any newer list an
-- operator loads. A 5-digit commune code can be in two lists with different areas, so a code is
-- always read against the list valid on a date. The shipped lists are loaded at start, once
-- (reference.ShippedUnitLists); their provenance is src/main/resources/reference/admin-units/SOURCES.md.

-- One list and the days it is valid: from valid_from (null: since before any list the gateway
-- knows) to valid_to inclusive (null: still in force). Lists never overlap; a newer one ends the
-- one before it on the day before it starts.
create table admin_unit_list (
  list_id     varchar(40)  collate "C" primary key,   -- e.g. VN-LEGACY, VN-2025-07-01
  valid_from  date,
  valid_to    date,
  source      varchar(300) not null,                  -- where the list comes from (dataset, decision, operator)
  dataset     varchar(40)  collate "C",               -- the shipped dataset version; null for an operator's list
  loaded_by   varchar(100) not null,                  -- 'gateway' for the shipped lists, else the operator's id
  loaded_at   timestamptz  not null,
  check (valid_to is null or valid_from is null or valid_to >= valid_from),
  exclude using gist (daterange(valid_from, valid_to, '[]') with &&)
);

create table admin_province (
  list_id       varchar(40)  collate "C" not null references admin_unit_list,
  province_code varchar(2)   collate "C" not null,
  name          varchar(100) not null,
  primary key (list_id, province_code)
);

-- Communes, wards and special zones of a list, with the list's validity repeated so that "the unit
-- with this code on that day" needs no join; the district is kept for the legacy list only.
create table admin_unit (
  list_id       varchar(40)  collate "C" not null references admin_unit_list,
  valid_from    date,
  valid_to      date,
  province_code varchar(2)   collate "C" not null,
  district_code varchar(3)   collate "C",
  commune_code  varchar(5)   collate "C" not null,
  name          varchar(100) not null,
  type          varchar(20)  not null,                -- Xã, Phường, Thị trấn, Đặc khu
  primary key (list_id, commune_code),
  foreign key (list_id, province_code) references admin_province deferrable initially deferred   -- a loaded list names its provinces after its communes
);
create index admin_unit_on_date on admin_unit (commune_code, valid_from);

-- Where each commune of one list went in the next: one row per new commune its area went to;
-- divided marks a commune split across several. An island district without communes maps by its
-- district alone (from_commune null).
create table admin_unit_mapping (
  from_list     varchar(40) collate "C" not null references admin_unit_list,
  from_province varchar(2)  collate "C" not null,
  from_district varchar(3)  collate "C",
  from_commune  varchar(5)  collate "C",
  to_list       varchar(40) collate "C" not null references admin_unit_list,
  to_province   varchar(2)  collate "C" not null,
  to_commune    varchar(5)  collate "C" not null,
  divided       boolean     not null
);
create index admin_unit_mapping_from on admin_unit_mapping (from_commune, to_list);

-- V6's table held one new code per old code and so could not say that a commune was split; nothing
-- ever filled it. The mapping above replaces it.
drop table admin_unit_change;
