import { createHash } from 'node:crypto';
import { escapeIdentifier, type Pool } from 'pg';
import { withTransaction } from '@eventline/persistence';

/**
 * The database role bound to one tenant: a name derived from the tenant id, so any tenant id
 * (of any length or alphabet) gives a valid identifier and the same one on every server.
 */
export const tenantRoleName = (tenantId: string) => `eventline_tenant_${createHash('sha256').update(tenantId).digest('hex').slice(0, 16)}`;

/**
 * Creates the tenant's role (NOLOGIN, a member of eventline_tenant_reader, so it reads the tenant
 * tables through their tenant_isolation policies), binds it in tenant_roles and lets the tenant
 * servers (eventline_tenant_servers) SET ROLE to it. Idempotent. Needs a role that may create
 * roles: the operator's, as `eventline tenants bind` and `eventline keys create --scope read` run.
 */
export function bindTenantRole(pool: Pool, tenantId: string): Promise<string> {
  const role = tenantRoleName(tenantId);
  return withTransaction(pool, async (tx) => {
    // Serialises two binds of one tenant: CREATE ROLE has no IF NOT EXISTS.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [role]);
    const { rowCount } = await tx.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (!rowCount) await tx.query(`CREATE ROLE ${escapeIdentifier(role)} NOLOGIN IN ROLE eventline_tenant_reader`);
    await tx.query(`GRANT ${escapeIdentifier(role)} TO eventline_tenant_servers`);
    await tx.query('INSERT INTO tenant_roles (role_name, tenant_id) VALUES ($1, $2) ON CONFLICT (role_name) DO NOTHING', [role, tenantId]);
    return role;
  });
}
