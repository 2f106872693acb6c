-- Up Migration
-- Signed checkpoints of the audit hash chain: the head (chain_seq and hash) of every chain at a
-- time, signed with an Ed25519 key that lives outside the database (EVENTLINE_CHECKPOINT_KEY_FILE).
-- A rewrite of a whole chain from a changed row on yields a valid chain, but not the signed head.
CREATE TABLE audit_checkpoints (
  id         bigserial PRIMARY KEY,
  created_at timestamptz NOT NULL,
  -- [{tenant_id, chain_topic, chain_partition, seq, hash}], sorted by chain; part of what is signed.
  heads      jsonb NOT NULL,
  -- The first 16 hex digits of sha256 over the public key (SPKI DER): which key signed.
  key_id     text NOT NULL,
  signature  bytea NOT NULL
);

-- Down Migration
DROP TABLE IF EXISTS audit_checkpoints;
