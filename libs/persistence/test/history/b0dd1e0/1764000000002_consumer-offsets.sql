-- Up Migration
-- Where each consumer group has got to, per partition, written in the same transaction as the rows
-- a batch projects: the pair commits or rolls back together (effectively-once into PostgreSQL).
CREATE TABLE consumer_offsets (
  group_id    text NOT NULL,
  topic       text NOT NULL,
  partition   integer NOT NULL,
  next_offset bigint NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, topic, partition)
);

-- Down Migration
DROP TABLE consumer_offsets;
