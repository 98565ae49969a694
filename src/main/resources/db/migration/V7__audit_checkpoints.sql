-- Signed checkpoints (issue 6): every N events or T seconds the head of the hash chain is signed
-- with the gateway's audit key. Public keys stay here for ever, so old checkpoints still verify
-- after the key is rotated; editing the chain and re-hashing it can no longer go unseen.
create table audit_signing_key (
  key_id     varchar(64)  primary key,       -- first 16 bytes of the public key's SHA-256, hex
  algorithm  varchar(20)  not null,          -- Ed25519
  public_key text         not null,          -- X.509 SubjectPublicKeyInfo, base64
  created_at timestamptz  not null
);

create table audit_checkpoint (
  seq        bigint       primary key,       -- the last event the signature covers
  head_hash  char(64)     not null,          -- that event's chain hash
  signed_at  timestamptz  not null,
  key_id     varchar(64)  not null references audit_signing_key (key_id),
  signature  text         not null           -- Ed25519 over "ansinh-audit-checkpoint|seq|head_hash", base64
);
