import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { Pseudonyms } from '@eventline/audit-projection';
import { loadCatalog } from '@eventline/contracts';
import { migrate } from '@eventline/persistence';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, type ScratchDatabase } from '@eventline/test-harness';
import { recordUsage, type UsageRecordRow } from '@eventline/usage-projection';
import { compareTable } from './compare-tables';
import { rebuildableProjections } from './rebuildable-projection';
import { ShadowSchema } from './shadow-schema';
import { swapProjection } from './swap-projection';

/** The shadow tables, the comparison and the swap's refusal against PostgreSQL; the whole rebuild runs in the CLI's spec. */
describe('projection rebuild against PostgreSQL: shadow tables, comparison, swap refusal (usage)', () => {
  const usage = rebuildableProjections(loadCatalog(), Pseudonyms.fromFile(undefined)).get('usage')!;
  const row = (eventId: string, outputTokens: number): UsageRecordRow => ({
    event_id: eventId,
    event_type: 'ai_response.created',
    tenant_id: 'acme',
    user_id: 'u-1',
    ts: new Date('2026-11-20T10:00:00Z'),
    assist_mode: null,
    model_name: 'gpt-4',
    model_version: null,
    input_tokens: 10,
    output_tokens: outputTokens,
    status: 'ok',
    latency_ms: 120,
  });
  const [same, changed, onlyRebuilt] = [randomUUID(), randomUUID(), randomUUID()];
  let db: ScratchDatabase;
  let pool: Pool;
  let shadow: ShadowSchema;

  beforeAll(async () => {
    db = await createScratchDatabase(loadStackEndpoints().databaseUrl);
    await migrate(db.url);
    pool = new Pool({ connectionString: db.url, max: 2 });
    const client = await pool.connect();
    await recordUsage(client, [row(same, 5), row(changed, 5)]).finally(() => client.release());
    shadow = await ShadowSchema.create(pool, usage, new Date('2026-12-03T10:00:00Z'));
    await shadow.transaction(pool, (tx) => recordUsage(tx, [row(same, 5), row(changed, 7), row(onlyRebuilt, 1)]));
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it("writes the projection into its own schema under the tables' own names, and leaves the live tables alone", async () => {
    expect(shadow.name).toMatch(/^rebuild_usage_20261203100000000_[0-9a-f]{4}$/);
    const count = async (table: string) => Number((await pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    expect([await count('public.usage_records'), await count(`${shadow.name}.usage_records`), await count(`${shadow.name}.usage_daily`)]).toEqual([2, 3, 1]);
  });

  it('compares counts, checksums and rows of the given events, naming what differs', async () => {
    const client = await pool.connect();
    try {
      const table = usage.tables.find((t) => t.name === 'usage_records')!;
      const all = await compareTable(client, { live: 'public', rebuilt: shadow.name }, table, [same, changed, onlyRebuilt]);
      expect(all).toMatchObject({ liveRows: 2, rebuiltRows: 3, differing: 2 });
      expect(all.liveChecksum).not.toBe(all.rebuiltChecksum);
      expect(all.samples).toEqual(
        [
          { eventId: changed, what: 'differs' },
          { eventId: onlyRebuilt, what: 'missing from live' },
        ].sort((a, b) => a.eventId.localeCompare(b.eventId)),
      );
      const equal = await compareTable(client, { live: 'public', rebuilt: shadow.name }, table, [same]);
      expect([equal.differing, equal.liveChecksum === equal.rebuiltChecksum]).toEqual([0, true]);
    } finally {
      client.release();
    }
  });

  it('refuses to swap tables whose rows do not say which topic they came from, changing nothing', async () => {
    await expect(swapProjection(pool, shadow, usage, { clusterId: 'c', group: 'usage-projector', topics: ['ai.events.v1'], offsets: [] })).rejects.toThrow(
      'usage_records, usage_daily do not record which topic a row came from, so a swap cannot tell which live rows to replace',
    );
    expect(Number((await pool.query('SELECT count(*) AS n FROM usage_records')).rows[0].n)).toBe(2);
    await shadow.drop(pool);
    expect((await pool.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [shadow.name])).rows).toEqual([]);
  });
});
