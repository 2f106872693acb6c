-- Up Migration
-- Read models of the usage projector: one row per model call (seed 004's usage_records) and a
-- daily rollup for token KPIs. Tenants are opaque strings across the catalog, so tenant_id is text.

-- usage_records: seed 004's columns plus event_id (redelivery is a no-op) and event_type.
CREATE TABLE usage_records (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id      uuid NOT NULL UNIQUE,
  event_type    text,
  tenant_id     text NOT NULL,
  user_id       text NOT NULL,
  ts            timestamptz DEFAULT now(),
  assist_mode   text,
  model_name    text NOT NULL DEFAULT 'gpt-4',
  model_version text,
  input_tokens  integer NOT NULL DEFAULT 0,
  output_tokens integer NOT NULL DEFAULT 0,
  status        text,
  latency_ms    integer
);
CREATE INDEX usage_records_tenant_time ON usage_records (tenant_id, ts);
CREATE INDEX usage_records_tenant_user_time ON usage_records (tenant_id, user_id, ts);

-- usage_daily: tokens per tenant, UTC day, model and user. Written in the same statement as the
-- usage_records rows it sums, and only for rows actually inserted, so it never double counts.
CREATE TABLE usage_daily (
  tenant_id     text NOT NULL,
  day           date NOT NULL,
  model_name    text NOT NULL,
  user_id       text NOT NULL,
  events        integer NOT NULL DEFAULT 0,
  input_tokens  bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day, model_name, user_id)
);

-- Row-level security as for audit_logs: a role bound to one tenant in tenant_roles reads only
-- that tenant's rows; the projector (the owner) is not subject to the policies.
GRANT SELECT ON usage_records, usage_daily TO eventline_tenant_reader;
ALTER TABLE usage_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_daily ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON usage_records USING (tenant_id = eventline_current_tenant());
CREATE POLICY tenant_isolation ON usage_daily USING (tenant_id = eventline_current_tenant());

-- Down Migration
DROP TABLE usage_daily;
DROP TABLE usage_records;
