import { Client, Pool } from 'pg';
import { migrate } from '@eventline/persistence';
import { appDatabaseUrl, loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, uniqueName, type ScratchDatabase } from '@eventline/test-harness';
import { asTenant } from './as-tenant';
import { TenantNotBoundError } from './tenant-not-bound-error';
import { bindTenantRole, tenantRoleName } from './tenant-role';

describe('asTenant: a tenant server reads as the role bound to the tenant (a scratch database, as eventline_usage_projector)', () => {
  let scratch: ScratchDatabase;
  let owner: Client;
  let ownerPool: Pool;
  let server: Pool;
  const [bound, unbound] = [uniqueName('tenant-bound'), uniqueName('tenant-unbound')];

  beforeAll(async () => {
    scratch = await createScratchDatabase(loadStackEndpoints().databaseUrl);
    await migrate(scratch.url);
    owner = new Client({ connectionString: scratch.url });
    await owner.connect();
    await owner.query(
      `INSERT INTO usage_daily (tenant_id, day, model_name, user_id, events, input_tokens, output_tokens)
       VALUES ($1, '2026-12-01', 'm', 'u', 1, 10, 5), ($2, '2026-12-01', 'm', 'u', 1, 20, 5)`,
      [bound, unbound],
    );
    ownerPool = new Pool({ connectionString: scratch.url, max: 1 });
    server = new Pool({ connectionString: appDatabaseUrl('usage-projector', scratch.url, {}), max: 1 });
  });

  afterAll(async () => {
    await server?.end();
    await ownerPool?.end();
    await owner?.end();
    await scratch?.drop();
    const admin = new Client({ connectionString: loadStackEndpoints().databaseUrl });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${tenantRoleName(bound)}`).finally(() => admin.end());
  });

  it('sees only the bound tenant, even with a query that names no tenant and a variable set to the other', async () => {
    expect(await bindTenantRole(ownerPool, bound)).toBe(tenantRoleName(bound));
    expect(await bindTenantRole(ownerPool, bound)).toBe(tenantRoleName(bound));
    const rows = await asTenant(server, bound, async (db) => {
      await db.query(`SELECT set_config('eventline.tenant_id', $1, true)`, [unbound]);
      return (await db.query('SELECT tenant_id, input_tokens FROM usage_daily')).rows;
    });
    expect(rows).toEqual([{ tenant_id: bound, input_tokens: '10' }]);
  });

  it('gives the connection back as the server role, which cannot write the bindings', async () => {
    await asTenant(server, bound, async (db) => db.query('SELECT 1'));
    expect((await server.query('SELECT current_user AS role')).rows[0].role).toBe('eventline_usage_projector');
    await expect(server.query('INSERT INTO tenant_roles (role_name, tenant_id) VALUES ($1, $2)', ['eventline_usage_projector', unbound])).rejects.toMatchObject({ code: '42501' });
  });

  it('refuses a tenant that has no bound role, naming it, instead of reading unscoped rows', async () => {
    await expect(asTenant(server, unbound, async (db) => db.query('SELECT * FROM usage_daily'))).rejects.toThrow(TenantNotBoundError);
    await expect(asTenant(server, unbound, async () => undefined)).rejects.toThrow(`tenant "${unbound}" has no database role bound`);
  });
});
