-- Up Migration
-- The audit tables are append-only: UPDATE, DELETE and TRUNCATE are refused for every role but a
-- member of the table's owner (the migration owner), even one that was granted them by mistake.
-- Privileges are the first line (readers have SELECT only); this trigger is the second. Rows the
-- owner changes anyway are what `eventline audit verify` is for.
CREATE OR REPLACE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
    RETURN CASE WHEN TG_LEVEL = 'STATEMENT' THEN NULL WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused for role %', TG_TABLE_NAME, TG_OP, current_user
    USING ERRCODE = 'insufficient_privilege', HINT = 'Only the migration owner may change audit rows; eventline audit verify shows it if they do.';
END $$;

CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER domain_events_append_only BEFORE UPDATE OR DELETE ON domain_events FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER domain_events_no_truncate BEFORE TRUNCATE ON domain_events FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

-- Down Migration
DROP TRIGGER IF EXISTS audit_logs_append_only ON audit_logs;
DROP TRIGGER IF EXISTS audit_logs_no_truncate ON audit_logs;
DROP TRIGGER IF EXISTS domain_events_append_only ON domain_events;
DROP TRIGGER IF EXISTS domain_events_no_truncate ON domain_events;
DROP TRIGGER IF EXISTS audit_checkpoints_append_only ON audit_checkpoints;
DROP TRIGGER IF EXISTS audit_checkpoints_no_truncate ON audit_checkpoints;
DROP FUNCTION IF EXISTS refuse_audit_change();
