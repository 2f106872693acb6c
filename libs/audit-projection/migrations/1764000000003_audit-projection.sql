-- Up Migration
-- Read models of the audit projector. Tenants are opaque strings across the catalog's products,
-- so tenant_id is text (seed 004 has UUIDs; they fit).

-- domain_events: the whole envelope, append-only, for analytics.
CREATE TABLE domain_events (
  event_id        uuid PRIMARY KEY,
  event_type      text NOT NULL,
  tenant_id       text NOT NULL,
  occurred_at     timestamptz NOT NULL,
  actor_id        text NOT NULL,
  actor_type      text NOT NULL,
  entity_type     text NOT NULL,
  entity_id       text NOT NULL,
  source          text NOT NULL,
  schema_version  text NOT NULL,
  correlation_id  text,
  causation_id    text,
  confidence      double precision,
  model           jsonb,
  payload         jsonb NOT NULL,
  topic           text NOT NULL,
  kafka_partition integer NOT NULL,
  kafka_offset    bigint NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX domain_events_tenant_time ON domain_events (tenant_id, occurred_at);
CREATE INDEX domain_events_tenant_type_time ON domain_events (tenant_id, event_type, occurred_at);

-- audit_logs: seed 004's columns plus event_id, source and occurred_at. metadata never holds PII.
CREATE TABLE audit_logs (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id      uuid NOT NULL UNIQUE,
  tenant_id     text NOT NULL,
  actor_id      text NOT NULL,
  action        text NOT NULL,
  entity_type   text,
  entity_id     text,
  metadata      jsonb NOT NULL DEFAULT '{}'::jsonb,
  ts            timestamptz NOT NULL DEFAULT now(),
  occurred_at   timestamptz NOT NULL,
  source        text NOT NULL,
  assist_mode   text,
  model_name    text,
  model_version text,
  input_tokens  integer DEFAULT 0,
  output_tokens integer DEFAULT 0
);
CREATE INDEX audit_logs_tenant_time ON audit_logs (tenant_id, occurred_at);

-- Row-level security: a database role bound to one tenant (a row in tenant_roles) reads only that
-- tenant's rows. The binding lives in a table readers cannot write, so a reader cannot switch
-- tenants by setting a variable. Owners (the projector) are not subject to these policies.
CREATE TABLE tenant_roles (
  role_name text PRIMARY KEY,
  tenant_id text NOT NULL
);

-- Runs as the caller (current_user is the reader's role); tenant_roles' own policy lets a role
-- see only its own binding.
CREATE FUNCTION eventline_current_tenant() RETURNS text
  LANGUAGE sql STABLE SET search_path = public AS
  $$ SELECT tenant_id FROM tenant_roles WHERE role_name = current_user $$;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'eventline_tenant_reader') THEN
    CREATE ROLE eventline_tenant_reader NOLOGIN;
  END IF;
END $$;

GRANT SELECT ON domain_events, audit_logs, tenant_roles TO eventline_tenant_reader;
GRANT EXECUTE ON FUNCTION eventline_current_tenant() TO eventline_tenant_reader;

ALTER TABLE domain_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_roles ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_binding ON tenant_roles USING (role_name = current_user);
CREATE POLICY tenant_isolation ON domain_events USING (tenant_id = eventline_current_tenant());
CREATE POLICY tenant_isolation ON audit_logs USING (tenant_id = eventline_current_tenant());
CREATE POLICY tenant_isolation ON outbox USING (tenant_id = eventline_current_tenant());

-- Down Migration
DROP POLICY tenant_isolation ON outbox;
ALTER TABLE outbox DISABLE ROW LEVEL SECURITY;
DROP TABLE audit_logs;
DROP TABLE domain_events;
DROP FUNCTION eventline_current_tenant();
DROP TABLE tenant_roles;
