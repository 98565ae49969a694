-- The event stream (SPEC §4.17). Domain events are written in the same transaction as the change
-- they describe and removed once Kafka has them; one instance at a time publishes, oldest first,
-- so events of one key stay in order. Rows hold no personal data in clear: keyed hashes, masked
-- account numbers and the partners' own ids only.
create table domain_event (
  id         bigserial    primary key,   -- the CloudEvents id; consumers dedupe on it
  family     varchar(20)  not null,      -- beneficiary or payment: picks the topic
  type       varchar(80)  not null,      -- the CloudEvents type
  partner    varchar(100) not null,      -- whose object it is (the partner extension attribute)
  event_key  varchar(200) not null,      -- the Kafka key: order is kept per key
  subject    varchar(200) not null,
  data       text         not null,      -- JSON as built, sent verbatim: no binary form, no compression,
  created_at timestamptz  not null       -- since each event is written once and read once
);
alter table domain_event alter column data set storage external;

-- The audit trail is its own outbox (sequenced, chained): the stream only remembers how far it got.
create table event_stream_cursor (
  stream   varchar(20) primary key,
  last_seq bigint      not null
);
insert into event_stream_cursor (stream, last_seq) values ('audit', 0);
