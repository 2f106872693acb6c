-- Up Migration
-- 1764000000000_outbox gained failed_at and its index became outbox_pending after databases had
-- applied its first text (4404d79). Such a database gets them here; on any other it changes nothing.
-- Applied migrations are never edited: a schema change is a new file like this one.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS failed_at timestamptz;
DROP INDEX IF EXISTS outbox_unpublished;
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (id) WHERE published_at IS NULL AND failed_at IS NULL;

-- Down Migration
-- Nothing to undo: 1764000000000_outbox's down migration drops the table with these.
