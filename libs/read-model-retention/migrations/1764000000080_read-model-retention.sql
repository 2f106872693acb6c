-- Up Migration
-- Retention of read models (issue 13, part 5): policies as data, legal holds that suspend them
-- per tenant, and the evidence of every run (seed 000's data_retention_audit_logs).
--
-- A policy names a table, the column that says how old a row is, the column whose values name
-- rows in the evidence, and a maximum age. tenant_id '*' is every tenant (the api_keys
-- convention). Audit tables are never deleted by policy: the CHECK below is the last line
-- behind the CLI's own refusal (and their append-only triggers behind that).
CREATE TABLE retention_policies (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name         text NOT NULL UNIQUE,
  tenant_id    text NOT NULL,
  target_table text NOT NULL
    CONSTRAINT retention_policies_never_audit CHECK (target_table NOT IN ('audit_logs', 'domain_events', 'audit_checkpoints', 'data_retention_audit_logs', 'legal_holds', 'retention_policies')),
  age_column   text NOT NULL,
  id_column    text NOT NULL DEFAULT 'id',
  max_age_days integer NOT NULL CHECK (max_age_days >= 1),
  updated_by   text NOT NULL DEFAULT current_user,
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- A tenant on hold keeps all its rows, whatever the policies say, until the hold is released.
-- Released holds stay, as history; at most one is in force per tenant.
CREATE TABLE legal_holds (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id      text NOT NULL,
  reason         text NOT NULL CHECK (btrim(reason) <> ''),
  placed_by      text NOT NULL,
  placed_at      timestamptz NOT NULL DEFAULT now(),
  released_by    text,
  released_at    timestamptz,
  release_reason text,
  CONSTRAINT legal_holds_released_whole CHECK ((released_at IS NULL) = (released_by IS NULL) AND (released_at IS NULL) = (release_reason IS NULL))
);
CREATE UNIQUE INDEX legal_holds_in_force ON legal_holds (tenant_id) WHERE released_at IS NULL;

-- One row per policy per run, dry or not. Self-contained (the policy as it was, not a reference
-- to a row that may change), and append-only like the other audit tables.
CREATE TABLE data_retention_audit_logs (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  run_id         uuid NOT NULL,
  policy_id      uuid NOT NULL,
  policy_name    text NOT NULL,
  tenant_id      text NOT NULL,
  target_table   text NOT NULL,
  age_column     text NOT NULL,
  retention_days integer NOT NULL,
  cutoff_at      timestamptz NOT NULL,
  rows_affected  bigint NOT NULL CHECK (rows_affected >= 0),
  sample_ids     text[] NOT NULL DEFAULT '{}' CHECK (cardinality(sample_ids) <= 10),
  -- Tenants whose expired rows were kept because a legal hold was in force.
  held_tenants   text[] NOT NULL DEFAULT '{}',
  dry_run        boolean NOT NULL,
  actor          text NOT NULL,
  started_at     timestamptz NOT NULL,
  finished_at    timestamptz NOT NULL,
  CHECK (finished_at >= started_at)
);
CREATE INDEX data_retention_audit_logs_by_policy ON data_retention_audit_logs (policy_id, started_at);
CREATE TRIGGER data_retention_audit_logs_append_only BEFORE UPDATE OR DELETE ON data_retention_audit_logs FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER data_retention_audit_logs_no_truncate BEFORE TRUNCATE ON data_retention_audit_logs FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

-- The defaults. Each batch of a run finds its rows by the age column, so that column is indexed.
-- notifications, 180 days: the inbox and the delivery log; past six months nobody reads an old
-- notification, and its text may hold opened personal data (storage limitation).
-- moderation_signals, 30 days: counters over windows of minutes; a month keeps what a reviewer
-- looking into a case needs, and no more.
CREATE INDEX notifications_age ON notifications (created_at);
CREATE INDEX moderation_signals_age ON moderation_signals (occurred_at);
INSERT INTO retention_policies (name, tenant_id, target_table, age_column, id_column, max_age_days) VALUES
  ('notifications-180d', '*', 'notifications', 'created_at', 'id', 180),
  ('moderation-signals-30d', '*', 'moderation_signals', 'occurred_at', 'event_id', 30);

-- Row-level security as for every tenant table: a tenant-bound reader sees its own policies,
-- holds and evidence, not the platform's all-tenant ones ('*'), whose evidence names other
-- tenants' rows.
GRANT SELECT ON retention_policies, legal_holds, data_retention_audit_logs TO eventline_tenant_reader;
ALTER TABLE retention_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE retention_policies FORCE ROW LEVEL SECURITY;
ALTER TABLE legal_holds ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_holds FORCE ROW LEVEL SECURITY;
ALTER TABLE data_retention_audit_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE data_retention_audit_logs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON retention_policies USING (tenant_id = eventline_current_tenant());
CREATE POLICY tenant_isolation ON legal_holds USING (tenant_id = eventline_current_tenant());
CREATE POLICY tenant_isolation ON data_retention_audit_logs USING (tenant_id = eventline_current_tenant());

-- Down Migration
DROP INDEX IF EXISTS moderation_signals_age;
DROP INDEX IF EXISTS notifications_age;
DROP TABLE data_retention_audit_logs;
DROP TABLE legal_holds;
DROP TABLE retention_policies;
