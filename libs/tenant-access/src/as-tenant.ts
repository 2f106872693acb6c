import { escapeIdentifier, type Pool, type PoolClient } from 'pg';
import { withTransaction } from '@eventline/persistence';
import { TenantNotBoundError } from './tenant-not-bound-error';

/**
 * Runs `work` in a read-only transaction as the role bound to `tenantId` (SET LOCAL ROLE), so
 * row-level security, not the query's WHERE clause, decides which rows it sees. The binding is
 * read from tenant_roles, which callers cannot write; a caller never names the role or sets a
 * variable. The role ends with the transaction, so the pooled connection goes back as it came.
 */
export function asTenant<T>(pool: Pool, tenantId: string, work: (db: PoolClient) => Promise<T>): Promise<T> {
  return withTransaction(pool, async (client) => {
    await client.query('SET TRANSACTION READ ONLY');
    await client.query(`SET LOCAL ROLE ${escapeIdentifier(await boundRole(client, tenantId))}`);
    return work(client);
  });
}

/** A role bound to the tenant that this session may become. */
async function boundRole(client: PoolClient, tenantId: string): Promise<string> {
  const { rows } = await client.query<{ role_name: string }>(`SELECT role_name FROM tenant_roles WHERE tenant_id = $1 AND pg_has_role(current_user, role_name, 'MEMBER') ORDER BY role_name LIMIT 1`, [
    tenantId,
  ]);
  if (!rows[0]) throw new TenantNotBoundError(tenantId);
  return rows[0].role_name;
}
