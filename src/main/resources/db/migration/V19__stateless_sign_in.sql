-- Staff sign-in held in the database, not in one instance's memory, so any replica behind the load
-- balancer serves any step of it.

-- Spring Session JDBC's own tables (its schema-postgresql.sql, release 3.5): the sign-in session,
-- its CSRF token and saved request. spring.session.jdbc.initialize-schema is never: Flyway owns them.
create table spring_session (
  primary_id            char(36)     not null,
  session_id            char(36)     not null,
  creation_time         bigint       not null,
  last_access_time      bigint       not null,
  max_inactive_interval int          not null,
  expiry_time           bigint       not null,
  principal_name        varchar(100),
  constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
  session_primary_id char(36)     not null,
  attribute_name     varchar(200) not null,
  attribute_bytes    bytea        not null,
  constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
  constraint spring_session_attributes_fk foreign key (session_primary_id)
    references spring_session (primary_id) on delete cascade
);

-- The authorization-code flow between /oauth2/authorize and /oauth2/token (security/SignInAuthorizations):
-- a few minutes per sign-in, found by state or by a SHA-256 of the code or the access token.
create table sign_in_authorization (
  id                varchar(100) collate "C" primary key,
  state             varchar(500) collate "C",
  code_hash         char(64),
  access_token_hash char(64),
  expires_at        timestamptz  not null,
  held              bytea        not null
);
create index sign_in_authorization_state on sign_in_authorization (state);
create index sign_in_authorization_code on sign_in_authorization (code_hash);
create index sign_in_authorization_token on sign_in_authorization (access_token_hash);
create index sign_in_authorization_expiry on sign_in_authorization (expires_at);

-- Wrong staff passwords in a row (security/SignInLockout), counted once for all instances.
create table staff_lockout (
  username     varchar(100) collate "C" primary key,
  failures     int          not null,
  locked_until timestamptz
);
