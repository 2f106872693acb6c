-- Up Migration
-- Where each consumer group has got to, per partition, written in the same transaction as the rows
-- a batch projects: the pair commits or rolls back together (effectively-once into PostgreSQL).
-- Offsets only mean something in the Kafka cluster that assigned them, so the cluster id is part
-- of the key: a database that outlives a cluster (a rebuilt dev stack, a restore) starts afresh.
CREATE TABLE consumer_offsets (
  cluster_id  text NOT NULL,
  group_id    text NOT NULL,
  topic       text NOT NULL,
  partition   integer NOT NULL,
  next_offset bigint NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cluster_id, group_id, topic, partition)
);

-- Down Migration
DROP TABLE consumer_offsets;
