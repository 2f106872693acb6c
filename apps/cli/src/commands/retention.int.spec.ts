import { Pool } from 'pg';
import { EventDecoder } from '@eventline/consumer-runtime';
import { loadCatalog } from '@eventline/contracts';
import { createKafkaPort, type IncomingMessage } from '@eventline/kafka-port';
import { migrate } from '@eventline/persistence';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, readTopicFrom, topicEnd, uniqueName, type ScratchDatabase } from '@eventline/test-harness';
import { eventlineWith } from '../testing/run-cli';

const GOVERNANCE = 'governance.events.v1';

describe('eventline retention: read models deleted by policy, skipping held tenants, with evidence (real Kafka, registry and PostgreSQL)', () => {
  const endpoints = loadStackEndpoints();
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'retention-cli-test' });
  const decoder = new EventDecoder(new SchemaRegistryClient(endpoints.schemaRegistryUrl), loadCatalog());
  const [plain, held] = [uniqueName('retention'), uniqueName('retention-held')];
  const ids: Record<string, string[]> = {};
  let db: ScratchDatabase;
  let pool: Pool;
  const cli = (...args: string[]) => eventlineWith({ DATABASE_URL: db.url }, ...args);
  const ok = async (...args: string[]) => {
    const run = await cli(...args);
    expect([run.code, run.stderr]).toEqual([0, '']);
    return run.stdout;
  };
  const decoded = async (messages: IncomingMessage[]) => Promise.all(messages.map(async (m) => ({ key: m.key, ...(await decoder.decode(m)).envelope }) as Record<string, any>));
  /** Each command fails with exit code 1 and the message as its first line on stderr; run side by side, as each costs a CLI start. */
  const refusesAll = async (cases: Array<[string[], string]>) => {
    const runs = await Promise.all(cases.map(([args]) => cli(...args)));
    expect(runs.map((run) => [run.code, run.stderr.split('\n')[0]])).toEqual(cases.map(([, message]) => [1, message]));
  };
  const byPolicy = (rows: Array<Record<string, any>>) => Object.fromEntries(rows.map((row) => [row.payload?.policy_name ?? row.policy_name, row]));

  const notification = async (label: string, tenant: string, days: number) => {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO notifications (tenant_id, event_id, event_type, recipient_id, channel, subject, body, created_at)
       VALUES ($1, gen_random_uuid(), 'X', 'u-1', 'in_app', 'Hello', 'Hi', now() - make_interval(days => $2)) RETURNING id::text`,
      [tenant, days],
    );
    (ids[label] ??= []).push(rows[0].id);
  };
  const signal = async (label: string, tenant: string, days: number) => {
    const { rows } = await pool.query<{ id: string }>(
      "INSERT INTO moderation_signals (tenant_id, counter, event_id, occurred_at) VALUES ($1, 'messages:u-1', gen_random_uuid(), now() - make_interval(days => $2)) RETURNING event_id::text AS id",
      [tenant, days],
    );
    (ids[label] ??= []).push(rows[0].id);
  };
  const left = async (table: string, id: string) => new Set((await pool.query<{ id: string }>(`SELECT ${id}::text AS id FROM ${table}`)).rows.map((row) => row.id));
  const evidenceOf = async (runId: string) =>
    (
      await pool.query(
        'SELECT policy_id::text, policy_name, tenant_id, rows_affected::int, sample_ids, held_tenants, dry_run, actor, cutoff_at, started_at, finished_at FROM data_retention_audit_logs WHERE run_id = $1',
        [runId],
      )
    ).rows;

  beforeAll(async () => {
    db = await createScratchDatabase(endpoints.databaseUrl);
    await migrate(db.url);
    pool = new Pool({ connectionString: db.url, max: 2 });
    for (const days of [400, 300, 200]) await notification('expired', plain, days);
    await notification('fresh', plain, 10);
    for (const days of [500, 190]) await notification('held', held, days);
    for (const days of [60, 40]) await signal('expired signals', plain, days);
    await signal('fresh signals', plain, 1);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('a dry run deletes nothing and records its evidence; a real run, in batches, deletes exactly the expired rows of tenants not on hold', async () => {
    await ok('hold', 'add', '--tenant', held, '--reason', 'matter 2026-18');
    const before = await topicEnd(kafka, GOVERNANCE);

    const dry = await ok('retention', 'run', '--dry-run', '--actor', 'dpo@example.com');
    const dryRunId = /^retention run ([0-9a-f-]{36}) \(dry run: nothing deleted\)$/m.exec(dry)![1];
    expect(dry).toMatch(/^notifications-180d\s+notifications\s+every tenant\s+\S+Z\s+3\s+retention-held-\S+$/m);
    expect(await left('notifications', 'id')).toEqual(new Set([...ids.expired, ...ids.fresh, ...ids.held]));
    expect(await left('moderation_signals', 'event_id')).toEqual(new Set([...ids['expired signals'], ...ids['fresh signals']]));
    const dryEvidence = byPolicy(await evidenceOf(dryRunId));
    expect(dryEvidence['notifications-180d']).toMatchObject({ tenant_id: '*', rows_affected: 3, sample_ids: ids.expired, held_tenants: [held], dry_run: true, actor: 'dpo@example.com' });
    expect(dryEvidence['moderation-signals-30d']).toMatchObject({ rows_affected: 2, sample_ids: ids['expired signals'], held_tenants: [], dry_run: true });

    const real = await ok('retention', 'run', '--batch-size', '2', '--actor', 'dpo@example.com');
    const runId = /^retention run ([0-9a-f-]{36})$/m.exec(real)![1];
    expect(await left('notifications', 'id')).toEqual(new Set([...ids.fresh, ...ids.held]));
    expect(await left('moderation_signals', 'event_id')).toEqual(new Set(ids['fresh signals']));
    const evidence = byPolicy(await evidenceOf(runId));
    expect(evidence['notifications-180d']).toMatchObject({ rows_affected: 3, held_tenants: [held], dry_run: false });
    expect(new Set(evidence['notifications-180d'].sample_ids)).toEqual(new Set(ids.expired));
    expect(evidence['moderation-signals-30d']).toMatchObject({ rows_affected: 2, dry_run: false });

    // Per policy per run, on the platform's key (an all-tenant policy), with the evidence row's values.
    const events = await decoded(await readTopicFrom(kafka, GOVERNANCE, before, 4, (m) => m.value!.includes(dryRunId) || m.value!.includes(runId)));
    expect(events.map((e) => [e.event_type, e.key, e.tenant_id])).toEqual(Array(4).fill(['data_retention.policy_enforced', 'eventline-platform', 'eventline-platform']));
    for (const [id, rows] of [
      [dryRunId, dryEvidence],
      [runId, evidence],
    ] as const) {
      const published = byPolicy(events.filter((e) => e.payload.run_id === id));
      for (const name of ['notifications-180d', 'moderation-signals-30d']) {
        const row = rows[name];
        expect(published[name].payload).toEqual({
          policy_id: row.policy_id,
          policy_name: name,
          run_id: id,
          target_table: name.startsWith('notifications') ? 'notifications' : 'moderation_signals',
          retention_days: name.startsWith('notifications') ? 180 : 30,
          cutoff_at: row.cutoff_at.getTime(),
          rows_affected: row.rows_affected,
          sample_ids: row.sample_ids,
          dry_run: id === dryRunId,
          started_at: row.started_at.getTime(),
          completed_at: row.finished_at.getTime(),
        });
      }
    }
  });

  it("a tenant's own policy deletes only its rows and is that tenant's event", async () => {
    expect(await ok('retention', 'policy', 'set', 'plain-notifications-1d', '--tenant', plain, '--table', 'notifications', '--max-age-days', '1')).toBe(
      `created: policy plain-notifications-1d deletes rows of notifications older than 1 days by created_at, for tenant ${plain}\n`,
    );
    const before = await topicEnd(kafka, GOVERNANCE);
    const run = await ok('retention', 'run', '--policy', 'plain-notifications-1d');
    expect(run).toMatch(new RegExp(`^plain-notifications-1d\\s+notifications\\s+${plain}\\s+\\S+Z\\s+1\\s+-$`, 'm'));
    expect(await left('notifications', 'id')).toEqual(new Set(ids.held));
    const [event] = await decoded(await readTopicFrom(kafka, GOVERNANCE, before, 1, (m) => m.key === plain));
    expect(event.payload).toMatchObject({ policy_name: 'plain-notifications-1d', rows_affected: 1, sample_ids: ids.fresh, dry_run: false });
  });

  it('refuses an unknown policy, an audit table, an unknown table and a maximum age of 0, naming the field and why', async () => {
    await refusesAll([
      [['retention', 'run', '--policy', 'nope'], 'eventline: --policy "nope": no such retention policy (there are: moderation-signals-30d, notifications-180d, plain-notifications-1d)'],
      [
        ['retention', 'policy', 'set', 'audit-1d', '--table', 'audit_logs', '--max-age-days', '1'],
        'eventline: --table "audit_logs": is an audit table: audit tables are append-only evidence and are never deleted by policy',
      ],
      [['retention', 'policy', 'set', 'x', '--table', 'nope', '--max-age-days', '1'], 'eventline: --table "nope": no such table in the public schema'],
      [['retention', 'policy', 'set', 'x', '--table', 'notifications', '--max-age-days', '0'], "error: option '--max-age-days <days>' argument '0' is invalid. must be a whole number of at least 1."],
    ]);
  });
});
