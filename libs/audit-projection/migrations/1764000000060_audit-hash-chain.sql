-- Up Migration
-- Tamper evidence (C3): each audit_logs row is a link of a hash chain. One chain per tenant and
-- topic partition: Kafka orders each partition, a tenant's events of a domain share a partition,
-- and one consumer owns a partition at a time, so the projection extends each chain in order
-- without a lock across partitions. hash = sha256 over the row's canonical encoding (RFC 8785
-- JSON of its columns, chain_seq and prev_hash); see docs/audit-chain.md. Rows from before this
-- migration carry no link: `eventline audit verify` reports them as unchained.
ALTER TABLE audit_logs
  ADD COLUMN chain_topic     text,
  ADD COLUMN chain_partition integer,
  ADD COLUMN chain_seq       bigint,
  ADD COLUMN prev_hash       bytea,
  ADD COLUMN hash            bytea;
-- One link per position: two writers can never fork a chain. Also the projection's lookup of
-- each chain's head (ORDER BY chain_seq DESC LIMIT 1) and verify's walk.
CREATE UNIQUE INDEX audit_logs_chain ON audit_logs (tenant_id, chain_topic, chain_partition, chain_seq);

-- Down Migration
DROP INDEX IF EXISTS audit_logs_chain;
ALTER TABLE audit_logs DROP COLUMN chain_topic, DROP COLUMN chain_partition, DROP COLUMN chain_seq, DROP COLUMN prev_hash, DROP COLUMN hash;
