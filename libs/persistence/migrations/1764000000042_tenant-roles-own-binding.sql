-- Up Migration
-- 1764000000003_audit-projection changed after databases had applied its first text (b0dd1e0):
-- eventline_current_tenant() runs as the caller instead of SECURITY DEFINER, readers may select
-- tenant_roles, and its own_binding policy shows each role only its own row. Such a database gets
-- the same here; on any other these statements leave it as it is.
ALTER FUNCTION eventline_current_tenant() SECURITY INVOKER;
GRANT SELECT ON tenant_roles TO eventline_tenant_reader;
ALTER TABLE tenant_roles ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_binding ON tenant_roles;
CREATE POLICY own_binding ON tenant_roles USING (role_name = current_user);

-- Down Migration
-- Nothing to undo: 1764000000003_audit-projection's down migration drops these objects.
