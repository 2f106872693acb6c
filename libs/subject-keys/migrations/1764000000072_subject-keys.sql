-- Up Migration
-- Crypto-shredding (issue 12, part 3): one data key per data subject and tenant, stored wrapped
-- (AES-256-GCM) by the master key from EVENTLINE_MASTER_KEY_FILE, which never enters the database.
-- Erasing a subject empties its key: what was encrypted with it can no longer be read anywhere,
-- in topics, exports or projections. A subject erased and seen again gets a new generation.
-- subject_ref is a keyed hash of the subject, so the table names no person.
CREATE TABLE subject_keys (
  tenant_id text NOT NULL,
  subject_ref text NOT NULL,
  generation integer NOT NULL,
  wrapped_key bytea NOT NULL,
  master_key_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  erased_at timestamptz,
  PRIMARY KEY (tenant_id, subject_ref, generation),
  CONSTRAINT subject_keys_erased_hold_no_key CHECK ((erased_at IS NULL) = (length(wrapped_key) > 0))
);
CREATE UNIQUE INDEX subject_keys_live ON subject_keys (tenant_id, subject_ref) WHERE erased_at IS NULL;
ALTER TABLE subject_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE subject_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subject_keys USING (tenant_id = eventline_current_tenant());
-- Publishers encrypt (the gateway, and services writing the outbox); the workers that act on
-- personal data (an e-mail address to send to, a message to moderate) decrypt. The audit projector
-- stores what it receives, encrypted, and reads no key.
GRANT SELECT, INSERT ON subject_keys TO eventline_ingest_gateway, eventline_outbox_writer;
GRANT SELECT ON subject_keys TO eventline_notification_worker, eventline_moderation_worker;
CREATE POLICY app_access ON subject_keys TO eventline_ingest_gateway, eventline_outbox_writer, eventline_notification_worker, eventline_moderation_worker
  USING (true) WITH CHECK (true);

-- Down Migration
DROP TABLE subject_keys;
