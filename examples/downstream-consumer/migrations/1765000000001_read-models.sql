-- Up Migration
-- The downstream consumer's own database. Two read models the platform names but does not own, and
-- the table the SDK's transactional consumer keeps the group's offsets in, inside the same
-- transaction as the rows (its shape is the SDK's: storedOffsets reads and writes it).

-- Seed 004: AI responses materialised from ai_response.*, one row per version. A regeneration
-- (ai_response.regenerated) opens the next version; ai_response.created of that version fills it.
-- Executed actions and sanitization failures are kept per event id, so a redelivered event
-- changes nothing.
CREATE TABLE ai_responses (
  tenant_id              text NOT NULL,
  response_id            text NOT NULL,
  version                integer NOT NULL,
  chat_id                text,
  model                  text,
  confidence             double precision,
  raw_markdown           text,
  structured_blocks      text,
  created_event_id       uuid UNIQUE,
  created_at             timestamptz,
  previous_version       integer,
  regenerated_event_id   uuid UNIQUE,
  regenerated_at         timestamptz,
  actions_executed       jsonb NOT NULL DEFAULT '{}',
  sanitization_failures  jsonb NOT NULL DEFAULT '{}',
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, response_id, version)
);

-- Seed 000: every DRM download issuance (ebook.watermark_issued), with its device/IP metadata.
CREATE TABLE ebook_watermark_events (
  event_id        uuid PRIMARY KEY,
  tenant_id       text NOT NULL,
  watermark_id    text NOT NULL,
  ebook_id        text NOT NULL,
  user_id         text NOT NULL,
  format          text NOT NULL,
  device_id       text,
  ip_address      text,
  user_agent      text,
  download_count  integer NOT NULL,
  download_limit  integer,
  expires_at      timestamptz,
  issued_at       timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ebook_watermark_events_user ON ebook_watermark_events (tenant_id, user_id, ebook_id);

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
DROP TABLE ebook_watermark_events;
DROP TABLE ai_responses;
