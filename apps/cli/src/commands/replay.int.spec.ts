import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Pool } from 'pg';
import { catalogTopics, loadCatalog } from '@eventline/contracts';
import { createKafkaPort, withAdmin } from '@eventline/kafka-port';
import { createPool, migrate } from '@eventline/persistence';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { eventually, readTopic, startAppUnderTest, ticketAssigned, uniqueName, type AppUnderTest } from '@eventline/test-harness';
import { eventIdsDigest, type Manifest } from '../replay/manifest';
import { eventlineWith } from '../testing/run-cli';

const DAY = 86_400_000;

/**
 * C1: the test publishes 10,000 events of three tenants, spread over ten days and all published
 * late (weeks after they occurred), plus events on both edges of the sub-window; a replay of one
 * tenant and sub-window must give exactly the acknowledged ids, and so must audit_logs. Everything
 * runs on topics of its own (EVENTLINE_TOPIC_PREFIX), with the real audit projector on them.
 */
describe('eventline replay: exact by tenant and occurred_at window (real Kafka, registry, PostgreSQL and audit projector)', () => {
  jest.setTimeout(240_000);
  const endpoints = loadStackEndpoints();
  const prefix = `${uniqueName('replay')}.`;
  const catalog = loadCatalog(undefined, { topicPrefix: prefix });
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'replay-cli-test' });
  const tenants = [uniqueName('replay-a'), uniqueName('replay-b'), uniqueName('replay-c')];
  const [tenant] = tenants;
  const base = Math.floor((Date.now() - 30 * DAY) / 1000) * 1000;
  const window = { from: base + 2 * DAY, to: base + 7 * DAY };
  const dir = mkdtempSync(join(tmpdir(), 'replay-cli-'));
  const cli = (...args: string[]) => eventlineWith({ EVENTLINE_TOPIC_PREFIX: prefix, EVENTLINE_ACTOR: 'auditor@example.com' }, ...args);
  const windowArgs = ['--tenant', tenant, '--from', new Date(window.from).toISOString(), '--to', new Date(window.to).toISOString()];
  let pool: Pool;
  let projector: AppUnderTest | undefined;
  let expected: string[];

  beforeAll(async () => {
    await migrate(endpoints.databaseUrl);
    pool = createPool({ connectionString: endpoints.databaseUrl, applicationName: 'replay-cli-test' });
    await withAdmin(kafka, (admin) => admin.ensureTopics(catalogTopics(catalog).map((t) => ({ topic: t.topic, partitions: t.partitions, replicationFactor: 1, config: t.config }))));
    projector = await startAppUnderTest({ app: 'audit-projector', env: { EVENTLINE_TOPIC_PREFIX: prefix } });

    const spread = Array.from({ length: 10_000 }, (_, i) => ({ tenant: tenants[i % 3], at: base + Math.floor((i * 10 * DAY) / 10_000) }));
    const edges = [window.from - 1, window.from, window.to - 1, window.to].map((at) => ({ tenant, at }));
    const inputs = [...spread, ...edges].map(({ tenant: t, at }, n) => ({ ...ticketAssigned(t, n), occurred_at: at }));
    const publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), catalog, source: 'replay-cli-test', maxBatchSize: 1_000 });
    const acked = await publisher.publishMany(inputs as never).finally(() => publisher.close());
    expected = acked.filter((_, i) => inputs[i].tenant_id === tenant && inputs[i].occurred_at >= window.from && inputs[i].occurred_at < window.to).map((r) => r.event_id);
    await eventually(
      'every event in audit_logs',
      async () => {
        const { rows } = await pool.query('SELECT count(*)::int AS n FROM audit_logs WHERE tenant_id = ANY($1)', [tenants]);
        return rows[0].n === inputs.length ? true : undefined;
      },
      120_000,
    );
  });
  afterAll(async () => {
    await projector?.stop();
    await pool?.end();
    await withAdmin(kafka, async (admin) => admin.deleteTopics((await admin.listTopics()).filter((t) => t.startsWith(prefix))));
  });

  const replayRecords = async (dryRun: boolean) =>
    eventually(
      `the ${dryRun ? 'dry run' : 'replay'} recorded in audit_logs`,
      async () => {
        const { rows } = await pool.query("SELECT metadata FROM audit_logs WHERE tenant_id = $1 AND action = 'compliance.replay_performed' AND (metadata->>'dry_run')::boolean = $2", [tenant, dryRun]);
        return rows.length > 0 ? rows.map((r) => r.metadata) : undefined;
      },
      60_000,
    );

  it('replays exactly the acknowledged ids of the tenant and window, edges and late events included, as audit_logs holds them', async () => {
    expect(expected.length).toBeGreaterThan(1_600);
    const out = join(dir, 'acme.ndjson.gz');
    const run = await cli('replay', ...windowArgs, '--types', 'TICKET_*', '--out', out, '--json');
    expect(run.code).toBe(0);
    const manifest = JSON.parse(run.stdout) as Manifest;
    expect(manifest).toMatchObject({ tenant, count: expected.length, countsByType: { TICKET_ASSIGNED: expected.length }, sha256: eventIdsDigest(expected), dryRun: false, target: `file:${out}` });
    const lines = gunzipSync(readFileSync(out))
      .toString('utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event_id: string; tenant_id: string });
    expect(lines.map((e) => e.event_id).sort()).toEqual([...expected].sort());
    expect(JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8'))).toEqual(manifest);
    expect(run.stderr).toMatch(/replay \[.*\] \d+\/\d+ scanned, \d+ matched/);

    const { rows } = await pool.query<{ event_id: string }>('SELECT event_id FROM audit_logs WHERE tenant_id = $1 AND action = $2 AND occurred_at >= $3 AND occurred_at < $4', [
      tenant,
      'TICKET_ASSIGNED',
      new Date(window.from),
      new Date(window.to),
    ]);
    expect([rows.length, eventIdsDigest(rows.map((r) => r.event_id))]).toEqual([expected.length, manifest.sha256]);
    const [recorded] = await replayRecords(false);
    expect(recorded).toMatchObject({ target: `file:${out}`, tenant, count: expected.length, sha256: manifest.sha256, outcome: 'delivered' });
  });

  it('republishes to a topic unchanged, with where each came from; a dry run writes nothing and is recorded too', async () => {
    const target = `${prefix}compliance.copy`;
    const copied = await cli('replay', ...windowArgs, '--to-topic', target, '--json');
    expect(copied.code).toBe(0);
    const messages = await readTopic(kafka, target, expected.length);
    expect(messages.map((m) => m.headers.event_id).sort()).toEqual([...expected].sort());
    expect(messages.every((m) => m.key === tenant && /^\S+\/\d+@\d+$/.test(m.headers['replayed-from']))).toBe(true);

    const out = join(dir, 'dry.ndjson');
    const dry = await cli('replay', ...windowArgs, '--out', out, '--dry-run', '--json');
    expect([dry.code, (JSON.parse(dry.stdout) as Manifest).count, existsSync(out), existsSync(`${out}.manifest.json`)]).toEqual([0, expected.length, false, false]);
    expect((await replayRecords(true))[0]).toMatchObject({ target: 'dry-run', count: expected.length });
  });

  it('refuses bad input by name, and warns of a tenant it never saw', async () => {
    const refused = async (args: string[]) => {
      const run = await cli('replay', ...args);
      expect(run.code).toBe(1);
      return run.stderr.trim();
    };
    const at = (iso: string) => ['--tenant', tenant, '--from', iso, '--to', '2026-11-01T00:00:00Z', '--dry-run'];
    expect(await refused(at('2026-11-02T00:00:00Z'))).toBe('eventline: --from (2026-11-02T00:00:00.000Z) must be before --to (2026-11-01T00:00:00.000Z)');
    expect(await refused(at('last tuesday'))).toMatch(/--from <instant>.*"last tuesday" is not an ISO-8601 instant/);
    expect(await refused([...windowArgs, '--types', 'TICKET_ASSIGNEDX', '--dry-run'])).toMatch(/--types: "TICKET_ASSIGNEDX" is not an event type of the catalog/);
    expect(await refused([...windowArgs, '--topics', 'no.such.topic', '--dry-run'])).toMatch(/--topics: "no.such.topic" is not a catalog topic/);
    expect(await refused([...windowArgs, '--to-topic', `${prefix}tickets.events.v1`])).toMatch(/--to-topic: \S+tickets.events.v1 is a catalog topic/);
    const existing = join(dir, 'acme.ndjson.gz');
    expect(await refused([...windowArgs, '--out', existing])).toBe(`eventline: --out: ${existing} exists; give --force to replace it`);

    // A run that stopped after it began is recorded too, with what stays delivered.
    const broken = await cli('replay', ...windowArgs, '--to-topic', 'no spaces allowed', '--json');
    expect([broken.code, broken.stderr]).toEqual([1, expect.stringMatching(/eventline: the replay stopped \(.+\): 0 event\(s\) already republished stay in topic:no spaces allowed\n$/)]);
    const failed = await eventually(
      'the failed replay recorded in audit_logs',
      async () => {
        const { rows } = await pool.query("SELECT metadata FROM audit_logs WHERE tenant_id = $1 AND action = 'compliance.replay_performed' AND metadata->>'outcome' = 'failed'", [tenant]);
        return rows[0]?.metadata;
      },
      60_000,
    );
    expect(failed).toMatchObject({ target: 'topic:no spaces allowed', count: 0 });

    const stranger = await cli(
      'replay',
      '--tenant',
      'no-such-tenant',
      '--from',
      new Date(window.from).toISOString(),
      '--to',
      new Date(window.to).toISOString(),
      '--types',
      'TICKET_*',
      '--dry-run',
      '--json',
    );
    expect([stranger.code, (JSON.parse(stranger.stdout) as Manifest).count]).toEqual([0, 0]);
    expect(stranger.stderr).toContain('warning: no event of tenant "no-such-tenant" in the scanned range of 1 topic(s)');
  });

  it('fails loudly, naming topic, partitions and the earliest time held, when the window is older than what a topic holds', async () => {
    const topic = `${prefix}tickets.events.v1`;
    await withAdmin(kafka, async (admin) =>
      admin.deleteRecordsBefore(
        topic,
        (await admin.endOffsets(topic)).filter((p) => p.offset !== '0').map((p) => ({ partition: p.partition, offset: '100' })),
      ),
    );
    const run = await cli('replay', ...windowArgs, '--types', 'TICKET_*', '--dry-run');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `is older than what these topics still hold, so a replay would be partial; nothing was delivered:\\n  ${topic.replace(/\./g, '\\.')}: partition\\(s\\) [\\d, ]+ no longer hold what came before offset\\(s\\) 100(, 100)*; the earliest record still there is from 20\\d\\d-`,
      ),
    );
  });
});
