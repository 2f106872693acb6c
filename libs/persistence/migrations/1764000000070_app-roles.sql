-- Up Migration
-- Least privilege (issue 12). Each app connects as a role of its own and holds only what it
-- needs; the audit roles can INSERT and SELECT the audit tables and nothing more (the trigger of
-- 1764000000062 refuses changes even to a role granted them by mistake). Every tenant table has
-- row-level security FORCEd, so a role that owns a table is bound too; the roles that project
-- every tenant get a policy of their own (app_access) on exactly the tables they write.
--
-- Roles belong to the server, not the database: a second database migrated on the same server
-- finds them already there. They have no password here; a deployment sets one
-- (ALTER ROLE ... PASSWORD) and names it in the app's <APP>_DATABASE_URL.
DO $$
DECLARE
  role_name text;
BEGIN
  FOREACH role_name IN ARRAY ARRAY['eventline_audit_projector', 'eventline_usage_projector', 'eventline_notification_worker',
                                   'eventline_moderation_worker', 'eventline_outbox_relay', 'eventline_ingest_gateway'] LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
      EXECUTE format('CREATE ROLE %I LOGIN', role_name);
    END IF;
  END LOOP;
  -- Domain services that write the outbox in their own transactions are granted this group.
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'eventline_outbox_writer') THEN
    CREATE ROLE eventline_outbox_writer NOLOGIN;
  END IF;
  -- Members may SET ROLE to a tenant's bound role (see tenant_roles) to serve that tenant's reads.
  -- NOINHERIT: they do not hold the tenant roles' privileges without that SET ROLE.
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'eventline_tenant_servers') THEN
    CREATE ROLE eventline_tenant_servers NOLOGIN NOINHERIT;
  END IF;
END $$;

GRANT eventline_outbox_writer TO eventline_notification_worker, eventline_moderation_worker;
GRANT eventline_tenant_servers TO eventline_usage_projector;

-- Every app checks at start that the schema it was built for is applied.
GRANT SELECT ON pgmigrations TO eventline_audit_projector, eventline_usage_projector, eventline_notification_worker,
  eventline_moderation_worker, eventline_outbox_relay, eventline_ingest_gateway;
GRANT SELECT, INSERT, UPDATE ON consumer_offsets TO eventline_audit_projector, eventline_usage_projector, eventline_notification_worker, eventline_moderation_worker;

GRANT SELECT, INSERT ON domain_events, audit_logs, audit_checkpoints TO eventline_audit_projector;
GRANT USAGE ON SEQUENCE audit_checkpoints_id_seq TO eventline_audit_projector;
GRANT SELECT, INSERT, UPDATE ON usage_records, usage_daily TO eventline_usage_projector;
GRANT SELECT ON api_keys TO eventline_usage_projector, eventline_ingest_gateway;
GRANT SELECT ON tenant_roles TO eventline_tenant_servers;
GRANT SELECT, INSERT, UPDATE ON notifications, notification_preferences, notification_suppressions, notification_recipients TO eventline_notification_worker;
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_sends TO eventline_notification_worker;
GRANT SELECT, INSERT, UPDATE ON moderation_cases TO eventline_moderation_worker;
GRANT SELECT, INSERT ON moderation_signals TO eventline_moderation_worker;
GRANT SELECT, INSERT, DELETE ON moderation_blocks TO eventline_moderation_worker;
GRANT SELECT, INSERT ON outbox TO eventline_outbox_writer;
GRANT USAGE ON SEQUENCE outbox_id_seq TO eventline_outbox_writer;
GRANT SELECT, UPDATE ON outbox TO eventline_outbox_relay;

-- Writers of every tenant: a policy for the role on the tables it was granted, and no others.
CREATE POLICY app_access ON domain_events TO eventline_audit_projector USING (true) WITH CHECK (true);
CREATE POLICY app_access ON audit_logs TO eventline_audit_projector USING (true) WITH CHECK (true);
CREATE POLICY app_access ON usage_records TO eventline_usage_projector USING (true) WITH CHECK (true);
CREATE POLICY app_access ON usage_daily TO eventline_usage_projector USING (true) WITH CHECK (true);
CREATE POLICY app_access ON notifications TO eventline_notification_worker USING (true) WITH CHECK (true);
CREATE POLICY app_access ON notification_preferences TO eventline_notification_worker USING (true) WITH CHECK (true);
CREATE POLICY app_access ON notification_suppressions TO eventline_notification_worker USING (true) WITH CHECK (true);
CREATE POLICY app_access ON notification_recipients TO eventline_notification_worker USING (true) WITH CHECK (true);
CREATE POLICY app_access ON moderation_cases TO eventline_moderation_worker USING (true) WITH CHECK (true);
CREATE POLICY app_access ON moderation_signals TO eventline_moderation_worker USING (true) WITH CHECK (true);
CREATE POLICY app_access ON moderation_blocks TO eventline_moderation_worker USING (true) WITH CHECK (true);
CREATE POLICY app_access ON outbox TO eventline_outbox_writer, eventline_outbox_relay USING (true) WITH CHECK (true);
-- Tenant servers look up which role is bound to the tenant they serve; they cannot change a binding.
CREATE POLICY servers_read ON tenant_roles FOR SELECT TO eventline_tenant_servers USING (true);

ALTER TABLE audit_logs FORCE ROW LEVEL SECURITY;
ALTER TABLE domain_events FORCE ROW LEVEL SECURITY;
ALTER TABLE usage_records FORCE ROW LEVEL SECURITY;
ALTER TABLE usage_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
ALTER TABLE notification_preferences FORCE ROW LEVEL SECURITY;
ALTER TABLE notification_suppressions FORCE ROW LEVEL SECURITY;
ALTER TABLE notification_recipients FORCE ROW LEVEL SECURITY;
ALTER TABLE moderation_cases FORCE ROW LEVEL SECURITY;
ALTER TABLE moderation_signals FORCE ROW LEVEL SECURITY;
ALTER TABLE moderation_blocks FORCE ROW LEVEL SECURITY;
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
ALTER TABLE tenant_roles FORCE ROW LEVEL SECURITY;

-- Down Migration
ALTER TABLE audit_logs NO FORCE ROW LEVEL SECURITY;
ALTER TABLE domain_events NO FORCE ROW LEVEL SECURITY;
ALTER TABLE usage_records NO FORCE ROW LEVEL SECURITY;
ALTER TABLE usage_daily NO FORCE ROW LEVEL SECURITY;
ALTER TABLE notifications NO FORCE ROW LEVEL SECURITY;
ALTER TABLE notification_preferences NO FORCE ROW LEVEL SECURITY;
ALTER TABLE notification_suppressions NO FORCE ROW LEVEL SECURITY;
ALTER TABLE notification_recipients NO FORCE ROW LEVEL SECURITY;
ALTER TABLE moderation_cases NO FORCE ROW LEVEL SECURITY;
ALTER TABLE moderation_signals NO FORCE ROW LEVEL SECURITY;
ALTER TABLE moderation_blocks NO FORCE ROW LEVEL SECURITY;
ALTER TABLE outbox NO FORCE ROW LEVEL SECURITY;
ALTER TABLE tenant_roles NO FORCE ROW LEVEL SECURITY;
DROP POLICY servers_read ON tenant_roles;
DROP POLICY app_access ON domain_events;
DROP POLICY app_access ON audit_logs;
DROP POLICY app_access ON usage_records;
DROP POLICY app_access ON usage_daily;
DROP POLICY app_access ON notifications;
DROP POLICY app_access ON notification_preferences;
DROP POLICY app_access ON notification_suppressions;
DROP POLICY app_access ON notification_recipients;
DROP POLICY app_access ON moderation_cases;
DROP POLICY app_access ON moderation_signals;
DROP POLICY app_access ON moderation_blocks;
DROP POLICY app_access ON outbox;
-- The roles stay: other databases on the server may use them. Their privileges here go.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM eventline_audit_projector, eventline_usage_projector, eventline_notification_worker,
  eventline_moderation_worker, eventline_outbox_relay, eventline_ingest_gateway, eventline_outbox_writer, eventline_tenant_servers;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM eventline_audit_projector, eventline_outbox_writer;
