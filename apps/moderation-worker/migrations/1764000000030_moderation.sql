-- Up Migration
-- The moderation worker's state. Cases record decisions with matched terms/categories only, never
-- the moderated text, so this table is safe to show to reviewers of any tenant's queue.
CREATE TABLE moderation_cases (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id    text NOT NULL,
  event_id     uuid NOT NULL,
  event_type   text NOT NULL,
  subject_type text NOT NULL CHECK (subject_type IN ('message', 'post', 'user', 'account')),
  subject_id   text NOT NULL,
  actor_id     text NOT NULL,
  decision     text NOT NULL CHECK (decision IN ('flag', 'hide', 'block', 'lock_review', 'escalate')),
  reason       text NOT NULL,
  details      jsonb NOT NULL DEFAULT '{}'::jsonb,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolved_by  text,
  resolved_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  -- One event can break several rules, each one case; a redelivered event adds nothing.
  UNIQUE (event_id, reason)
);
CREATE INDEX moderation_cases_queue ON moderation_cases (tenant_id, status, created_at);
-- Finds the open case of a subject, so repeated signals (flooding, brute force) join it instead of piling up.
CREATE INDEX moderation_cases_open_subject ON moderation_cases (tenant_id, subject_type, subject_id, reason) WHERE status = 'open';

-- Who blocked whom (social.block.applied / removed), enforced on direct messages.
CREATE TABLE moderation_blocks (
  tenant_id  text NOT NULL,
  blocker_id text NOT NULL,
  blocked_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, blocker_id, blocked_id)
);

-- Timestamped occurrences counted over sliding windows: messages per user, login failures per
-- user/email/IP. Keyed by event so a redelivered event is not counted twice.
CREATE TABLE moderation_signals (
  tenant_id   text NOT NULL,
  counter     text NOT NULL,
  event_id    uuid NOT NULL,
  occurred_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, counter, event_id)
);
CREATE INDEX moderation_signals_window ON moderation_signals (tenant_id, counter, occurred_at);

-- Row-level security as for audit_logs: a tenant-bound reader role sees only its tenant's rows.
GRANT SELECT ON moderation_cases, moderation_blocks, moderation_signals TO eventline_tenant_reader;
ALTER TABLE moderation_cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE moderation_blocks ENABLE ROW LEVEL SECURITY;
ALTER TABLE moderation_signals ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON moderation_cases USING (tenant_id = eventline_current_tenant());
CREATE POLICY tenant_isolation ON moderation_blocks USING (tenant_id = eventline_current_tenant());
CREATE POLICY tenant_isolation ON moderation_signals USING (tenant_id = eventline_current_tenant());

-- Down Migration
DROP TABLE moderation_signals;
DROP TABLE moderation_blocks;
DROP TABLE moderation_cases;
