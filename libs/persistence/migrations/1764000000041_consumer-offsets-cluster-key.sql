-- Up Migration
-- 1764000000002_consumer-offsets gained cluster_id in its key after databases had applied its first
-- text (b0dd1e0), whose positions name no cluster. Such a table is rebuilt in today's shape (the
-- column order of a fresh database). Its positions cannot be attributed to a cluster, so they are
-- kept under cluster_id 'unattributed', which no Kafka cluster id matches: consumers start as in a
-- database that outlived its cluster. An operator who knows the positions belong to the running
-- cluster may claim them before consumers start:
--   UPDATE consumer_offsets SET cluster_id = '<cluster id>' WHERE cluster_id = 'unattributed';
-- On a database with cluster_id already, this changes nothing.
DO $$ BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'consumer_offsets' AND column_name = 'cluster_id'
  ) THEN
    ALTER TABLE consumer_offsets RENAME TO consumer_offsets_without_cluster;
    ALTER TABLE consumer_offsets_without_cluster RENAME CONSTRAINT consumer_offsets_pkey TO consumer_offsets_without_cluster_pkey;
    CREATE TABLE consumer_offsets (
      cluster_id  text NOT NULL,
      group_id    text NOT NULL,
      topic       text NOT NULL,
      partition   integer NOT NULL,
      next_offset bigint NOT NULL,
      updated_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (cluster_id, group_id, topic, partition)
    );
    INSERT INTO consumer_offsets (cluster_id, group_id, topic, partition, next_offset, updated_at)
      SELECT 'unattributed', group_id, topic, partition, next_offset, updated_at FROM consumer_offsets_without_cluster;
    DROP TABLE consumer_offsets_without_cluster;
  END IF;
END $$;

-- Down Migration
-- Nothing to undo: 1764000000002_consumer-offsets' down migration drops the table.
