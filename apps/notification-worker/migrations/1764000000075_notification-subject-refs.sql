-- Up Migration
-- A notification is rendered from opened personal data, so it is a decrypted copy that outlives
-- the data subject's key. subject_refs names whose sealed fields the event carried (the keyed
-- subject refs of its pii_sealed entries), so that `eventline erase` can find and redact the
-- copies of one subject without reading any personal data.
ALTER TABLE notifications ADD COLUMN subject_refs text[] NOT NULL DEFAULT '{}';
CREATE INDEX notifications_subject_refs ON notifications USING gin (subject_refs);

-- Down Migration
DROP INDEX notifications_subject_refs;
ALTER TABLE notifications DROP COLUMN subject_refs;
