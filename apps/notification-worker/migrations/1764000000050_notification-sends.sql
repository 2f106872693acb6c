-- Up Migration
-- An email is written to the SMTP server before its notification row can commit. A crash in
-- between used to leave the row 'pending', and the next worker mailed it again. Now the worker
-- first commits a send record ('sending'), sends, then marks it 'sent'. A record still 'sending'
-- whose row no live worker holds is an email that may or may not have left: it becomes
-- 'uncertain' (and so does its notification) until an operator decides with
-- `eventline notifications resolve <id> --sent|--resend`. Webhooks need no record: they carry an
-- Idempotency-Key and may be sent again.
CREATE TABLE IF NOT EXISTS notification_sends (
  notification_id     uuid PRIMARY KEY,
  -- No foreign key on purpose: checking one would wait for the row lock the sending worker holds.
  state               text NOT NULL CHECK (state IN ('sending', 'sent', 'uncertain', 'resend')),
  -- The process that wrote 'sending' (host:pid), for the operator looking at an uncertain send.
  worker              text NOT NULL,
  provider_message_id text,
  started_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS notification_sends_open ON notification_sends (state) WHERE state IN ('sending', 'uncertain');

ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_status_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
  CHECK (status IN ('pending', 'sent', 'delivered', 'failed', 'suppressed', 'uncertain'));


-- Down Migration
DROP TABLE IF EXISTS notification_sends;
ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_status_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
  CHECK (status IN ('pending', 'sent', 'delivered', 'failed', 'suppressed'));
