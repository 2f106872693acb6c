-- Up Migration
-- The notification worker's tables. A row of `notifications` is both the in-app notification
-- (read state in read_at) and the delivery job of an email or webhook: the worker inserts it in
-- the consumer's batch transaction and a delivery loop sends it after commit.

CREATE TABLE notifications (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id       text NOT NULL,
  event_id        uuid NOT NULL,
  event_type      text NOT NULL,
  recipient_id    text NOT NULL,
  channel         text NOT NULL CHECK (channel IN ('in_app', 'email', 'webhook')),
  -- Where an email or webhook goes, fixed when the row is planned so a retry goes to the same place.
  address         text,
  template_id     text,
  entity_type     text,
  entity_id       text,
  subject         text NOT NULL,
  body            text NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'delivered', 'failed', 'suppressed')),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  read_at         timestamptz,
  -- At most once per event, recipient and channel: redelivered events insert nothing.
  UNIQUE (event_id, recipient_id, channel)
);
CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notifications_inbox ON notifications (tenant_id, recipient_id, created_at) WHERE channel = 'in_app';

-- A missing row means enabled: people opt out of a channel, not in.
CREATE TABLE notification_preferences (
  tenant_id    text NOT NULL,
  recipient_id text NOT NULL,
  channel      text NOT NULL CHECK (channel IN ('in_app', 'email', 'webhook')),
  enabled      boolean NOT NULL,
  PRIMARY KEY (tenant_id, recipient_id, channel)
);

-- Email addresses that must not be mailed again; address is stored lower-case.
CREATE TABLE notification_suppressions (
  tenant_id  text NOT NULL,
  address    text NOT NULL,
  reason     text NOT NULL CHECK (reason IN ('unsubscribed', 'hard_bounce', 'complaint')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, address)
);

-- The directory of where to reach people (and roles such as role:billing-admins).
CREATE TABLE notification_recipients (
  tenant_id    text NOT NULL,
  recipient_id text NOT NULL,
  email        text,
  webhook_url  text,
  PRIMARY KEY (tenant_id, recipient_id)
);

-- Row-level security as for audit_logs: a role bound to one tenant reads only its rows.
GRANT SELECT ON notifications, notification_preferences, notification_suppressions, notification_recipients TO eventline_tenant_reader;
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_preferences ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_suppressions ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_recipients ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notifications USING (tenant_id = eventline_current_tenant());
CREATE POLICY tenant_isolation ON notification_preferences USING (tenant_id = eventline_current_tenant());
CREATE POLICY tenant_isolation ON notification_suppressions USING (tenant_id = eventline_current_tenant());
CREATE POLICY tenant_isolation ON notification_recipients USING (tenant_id = eventline_current_tenant());

-- Down Migration
DROP TABLE notification_recipients;
DROP TABLE notification_suppressions;
DROP TABLE notification_preferences;
DROP TABLE notifications;
