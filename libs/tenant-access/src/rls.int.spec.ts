import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '@eventline/persistence';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, type ScratchDatabase } from '@eventline/test-harness';
import { rlsStates } from './rls-states';

/** Every table with a tenant_id column. A new one fails the first test until it is listed here and isolated. */
const TENANT_TABLES = [
  'audit_logs',
  'data_retention_audit_logs',
  'domain_events',
  'legal_holds',
  'moderation_blocks',
  'moderation_cases',
  'moderation_signals',
  'notification_preferences',
  'notification_recipients',
  'notification_suppressions',
  'notifications',
  'outbox',
  'retention_policies',
  'subject_keys',
  'tenant_roles',
  'usage_daily',
  'usage_records',
];

/** Values the tables' CHECK constraints accept; every other required column gets a fresh value of its type. */
const CHECKED_COLUMNS: Record<string, string> = { channel: 'email', subject_type: 'message', decision: 'flag', reason: 'unsubscribed' };

describe('row-level security of every tenant table (a scratch database, migrated)', () => {
  let scratch: ScratchDatabase;
  let owner: Client;
  let reader: Client;
  const role = `rls_test_a_${Math.random().toString(36).slice(2, 10)}`;
  const [tenantA, tenantB] = ['tenant-a', 'tenant-b'];

  beforeAll(async () => {
    scratch = await createScratchDatabase(loadStackEndpoints().databaseUrl);
    await migrate(scratch.url);
    owner = new Client({ connectionString: scratch.url });
    await owner.connect();
    await owner.query(`CREATE ROLE ${role} LOGIN IN ROLE eventline_tenant_reader`);
    await owner.query('INSERT INTO tenant_roles (role_name, tenant_id) VALUES ($1, $2)', [role, tenantA]);
    // Only in this scratch database: with SELECT and INSERT granted, what hides and refuses B rows is the policy, not a missing privilege.
    await owner.query(`GRANT SELECT, INSERT ON ${TENANT_TABLES.join(', ')} TO ${role}`);
    await owner.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    const url = new URL(scratch.url);
    url.username = role;
    reader = new Client({ connectionString: url.toString() });
    await reader.connect();
  });

  afterAll(async () => {
    await reader?.end();
    await owner?.end();
    await scratch?.drop();
    const admin = new Client({ connectionString: loadStackEndpoints().databaseUrl });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`).finally(() => admin.end());
  });

  it('has RLS enabled, forced and a policy on every table with a tenant_id column', async () => {
    const states = (await rlsStates(owner)).filter((state) => state.hasTenantColumn);
    expect(states.map((state) => state.table)).toEqual(TENANT_TABLES);
    const unprotected = states.filter((state) => !state.enabled || !state.forced || state.policies.length === 0);
    expect(unprotected).toEqual([]);
  });

  it.each(TENANT_TABLES)("%s: A's role reads none of B's rows, and an insert of a B row as A is refused", async (table) => {
    const columns = await requiredColumns(owner, table);
    await owner.query(insertSql(table, columns), rowValues(columns, tenantA, `${role}_a2`));
    await owner.query(insertSql(table, columns), rowValues(columns, tenantB, `${role}_b`));

    const seen = await reader.query<{ tenant_id: string; n: string }>(`SELECT tenant_id, count(*) AS n FROM ${table} GROUP BY tenant_id`);
    expect(seen.rows).toEqual([{ tenant_id: tenantA, n: '1' }]);

    await expect(reader.query(insertSql(table, columns), rowValues(columns, tenantB, `${role}_b2`))).rejects.toMatchObject({
      code: '42501',
      message: expect.stringContaining('row-level security'),
    });
  });
});

interface Column {
  name: string;
  type: string;
}

/** NOT NULL columns without a default: what an INSERT must give. */
async function requiredColumns(db: Client, table: string): Promise<Column[]> {
  const { rows } = await db.query<{ name: string; type: string }>(
    `SELECT column_name AS name, udt_name AS type FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1 AND is_nullable = 'NO' AND column_default IS NULL ORDER BY ordinal_position`,
    [table],
  );
  return rows;
}

const insertSql = (table: string, columns: Column[]) => `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) VALUES (${columns.map((c, i) => `$${i + 1}::${c.type}`).join(', ')})`;

/** A row of `tenantId`. In tenant_roles a role sees only its own binding (made in beforeAll), so `roleName` there is another role's. */
function rowValues(columns: Column[], tenantId: string, roleName: string): unknown[] {
  return columns.map(({ name, type }) => {
    if (name === 'tenant_id') return tenantId;
    if (name === 'role_name') return roleName;
    if (CHECKED_COLUMNS[name]) return CHECKED_COLUMNS[name];
    return sampleOfType(type);
  });
}

function sampleOfType(type: string): unknown {
  switch (type) {
    case 'uuid':
      return randomUUID();
    case 'timestamptz':
      return new Date();
    case 'date':
      return '2026-12-01';
    case 'int4':
    case 'int8':
      return Math.floor(Math.random() * 1_000_000);
    case 'bool':
      return true;
    case 'jsonb':
      return '{}';
    case 'bytea':
      return Buffer.from('sample');
    case 'text':
      return `v-${randomUUID()}`;
    default:
      throw new Error(`no sample value for a required column of type ${type}: add one`);
  }
}
