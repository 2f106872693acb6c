import { Pool } from 'pg';
import { migrate } from '@eventline/persistence';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, type ScratchDatabase } from '@eventline/test-harness';
import { placeHold, releaseHold } from './legal-holds';
import { selectPolicies, setPolicy, type RetentionPolicy } from './policies';
import { runRetention } from './run-retention';

describe('retention of notifications against PostgreSQL: batches, holds and evidence', () => {
  let db: ScratchDatabase;
  let pool: Pool;
  let defaultPolicy: RetentionPolicy;
  const ids: Record<string, string[]> = {};
  const intruder = `retention_intruder_${Math.random().toString(36).slice(2, 10)}`;

  /** A notification of `tenant`, `days` old; its id is kept under `label`. */
  const notify = async (label: string, tenant: string, days: number) => {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO notifications (tenant_id, event_id, event_type, recipient_id, channel, subject, body, created_at)
       VALUES ($1, gen_random_uuid(), 'X', 'u-1', 'in_app', 'Hello', 'Hi', now() - make_interval(days => $2)) RETURNING id::text`,
      [tenant, days],
    );
    (ids[label] ??= []).push(rows[0].id);
  };
  const left = async () => (await pool.query<{ id: string }>('SELECT id::text FROM notifications ORDER BY created_at')).rows.map((row) => row.id);
  const run = (policies: RetentionPolicy[], dryRun: boolean) => runRetention(pool, policies, { actor: 'dpo@example.com', dryRun, batchSize: 2 }, async () => undefined);

  beforeAll(async () => {
    db = await createScratchDatabase(loadStackEndpoints().databaseUrl);
    await migrate(db.url);
    pool = new Pool({ connectionString: db.url, max: 2 });
    // Oldest first within each label, as the evidence samples them.
    for (const days of [400, 300, 200]) await notify('acme expired', 'acme', days);
    await notify('acme fresh', 'acme', 10);
    for (const days of [500, 190]) await notify('held expired', 'held-co', days);
    await notify('globex expired', 'globex', 181);
    await notify('globex fresh', 'globex', 10);
    [defaultPolicy] = await selectPolicies(pool, ['notifications-180d']);
    await placeHold(pool, { tenantId: 'held-co', reason: 'matter 2026-17', actor: 'legal@example.com' }, async () => undefined);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
    // Roles belong to the server, not the scratch database.
    const admin = new Pool({ connectionString: loadStackEndpoints().databaseUrl, max: 1 });
    await admin.query(`DROP ROLE IF EXISTS ${intruder}`).finally(() => admin.end());
  });

  it('a dry run deletes nothing and records what it would delete, naming the held tenant it spared', async () => {
    const before = await left();
    const [evidence] = await run([defaultPolicy], true);
    expect(await left()).toEqual(before);
    expect(evidence).toMatchObject({ rowsAffected: 4, dryRun: true, heldTenants: ['held-co'] });
    expect(evidence.sampleIds).toEqual([...ids['acme expired'], ...ids['globex expired']]);
    const { rows } = await pool.query(
      'SELECT policy_name, tenant_id, target_table, retention_days, rows_affected, sample_ids, held_tenants, dry_run, actor, cutoff_at, started_at <= finished_at AS ordered FROM data_retention_audit_logs',
    );
    expect(rows).toEqual([
      {
        policy_name: 'notifications-180d',
        tenant_id: '*',
        target_table: 'notifications',
        retention_days: 180,
        rows_affected: '4',
        sample_ids: evidence.sampleIds,
        held_tenants: ['held-co'],
        dry_run: true,
        actor: 'dpo@example.com',
        cutoff_at: evidence.cutoffAt,
        ordered: true,
      },
    ]);
  });

  it('a real run deletes exactly the expired rows of tenants not on hold, in batches, and a released hold lets the next run delete its rows', async () => {
    const [evidence] = await run([defaultPolicy], false);
    expect([evidence.rowsAffected, [...evidence.sampleIds].sort()]).toEqual([4, [...ids['acme expired'], ...ids['globex expired']].sort()]);
    expect(new Set(await left())).toEqual(new Set([...ids['held expired'], ...ids['acme fresh'], ...ids['globex fresh']]));

    await releaseHold(pool, { tenantId: 'held-co', reason: 'matter closed', actor: 'legal@example.com' }, async () => undefined);
    const [released] = await run([defaultPolicy], false);
    expect(released).toMatchObject({ rowsAffected: 2, heldTenants: [], sampleIds: ids['held expired'] });
    expect(new Set(await left())).toEqual(new Set([...ids['acme fresh'], ...ids['globex fresh']]));
    const { rows } = await pool.query('SELECT dry_run, rows_affected FROM data_retention_audit_logs ORDER BY started_at');
    expect(rows).toEqual([
      { dry_run: true, rows_affected: '4' },
      { dry_run: false, rows_affected: '4' },
      { dry_run: false, rows_affected: '2' },
    ]);
  });

  it("a tenant's own policy deletes only that tenant's rows", async () => {
    const { policy } = await setPolicy(pool, {
      name: 'globex-notifications-7d',
      tenantId: 'globex',
      table: 'notifications',
      ageColumn: 'created_at',
      idColumn: 'id',
      maxAgeDays: 7,
      actor: 'dpo@example.com',
    });
    const [evidence] = await run([policy], false);
    expect([evidence.rowsAffected, evidence.sampleIds]).toEqual([1, ids['globex fresh']]);
    expect(await left()).toEqual(ids['acme fresh']);
  });

  it('keeps the evidence append-only: a role granted TRUNCATE by mistake is refused by the trigger', async () => {
    await pool.query(`CREATE ROLE ${intruder}`);
    await pool.query(`GRANT TRUNCATE ON data_retention_audit_logs TO ${intruder}`);
    const client = await pool.connect();
    try {
      await client.query(`SET ROLE ${intruder}`);
      await expect(client.query('TRUNCATE data_retention_audit_logs')).rejects.toThrow(`data_retention_audit_logs is append-only: TRUNCATE refused for role ${intruder}`);
    } finally {
      await client.query('RESET ROLE');
      client.release();
    }
    expect((await pool.query('SELECT count(*)::int AS n FROM data_retention_audit_logs')).rows).toEqual([{ n: 4 }]);
  });
});
