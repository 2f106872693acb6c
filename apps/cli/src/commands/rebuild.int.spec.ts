import type { Pool } from 'pg';
import { catalogTopics, loadCatalog } from '@eventline/contracts';
import { createKafkaPort, withAdmin } from '@eventline/kafka-port';
import { createPool, migrate } from '@eventline/persistence';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { eventually, startAppUnderTest, ticketAssigned, uniqueName, type AppUnderTest } from '@eventline/test-harness';
import { eventlineWith } from '../testing/run-cli';

/**
 * C2: the audit read model rebuilt from the topics equals the live one, hash chain included; a
 * row changed by hand is reported by event id; --swap puts the rebuild in place and the live
 * projector continues from its end. On topics of its own (EVENTLINE_TOPIC_PREFIX), with the real
 * audit projector on them.
 */
describe('eventline rebuild audit (real Kafka, registry, PostgreSQL and audit projector)', () => {
  jest.setTimeout(240_000);
  const endpoints = loadStackEndpoints();
  const prefix = `${uniqueName('rebuild')}.`;
  const catalog = loadCatalog(undefined, { topicPrefix: prefix });
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'rebuild-cli-test' });
  const tenants = [uniqueName('rebuild-a'), uniqueName('rebuild-b')];
  const cli = (...args: string[]) => eventlineWith({ EVENTLINE_TOPIC_PREFIX: prefix }, ...args);
  const startProjector = () => startAppUnderTest({ app: 'audit-projector', env: { EVENTLINE_TOPIC_PREFIX: prefix } });
  let pool: Pool;
  let projector: AppUnderTest | undefined;
  let publisher: Publisher;

  const stopProjector = async () => {
    await projector?.stop();
    projector = undefined;
  };
  const auditRows = async () => Number((await pool.query('SELECT count(*) AS n FROM audit_logs WHERE tenant_id = ANY($1)', [tenants])).rows[0].n);
  const publish = async (from: number, count: number) => {
    await publisher.publishMany(Array.from({ length: count }, (_, i) => ticketAssigned(tenants[i % 2], from + i)) as never);
  };

  beforeAll(async () => {
    await migrate(endpoints.databaseUrl);
    pool = createPool({ connectionString: endpoints.databaseUrl, applicationName: 'rebuild-cli-test' });
    await withAdmin(kafka, (admin) => admin.ensureTopics(catalogTopics(catalog).map((t) => ({ topic: t.topic, partitions: t.partitions, replicationFactor: 1, config: t.config }))));
    publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), catalog, source: 'rebuild-cli-test' });
    // Published before the projector starts, so its catching up is the live projection rate to set beside the rebuild's.
    await publish(0, 5_000);
    projector = await startProjector();
    const started = Date.now();
    await eventually('5,000 rows in audit_logs', async () => ((await auditRows()) === 5_000 ? true : undefined), 120_000);
    console.log(`live audit projection caught up 5000 events in ${((Date.now() - started) / 1000).toFixed(1)} s (${Math.round(5_000_000 / (Date.now() - started))} ev/s)`);
  });
  afterAll(async () => {
    await stopProjector();
    await publisher?.close();
    await pool?.end();
    await withAdmin(kafka, async (admin) => admin.deleteTopics((await admin.listTopics()).filter((t) => t.startsWith(prefix))));
  });

  it('rebuilds equal to the live read model, hash chain included, while the live projector runs', async () => {
    const run = await cli('rebuild', 'audit');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Rebuilt audit: 5000 events in [\d.]+ s \(\d+ ev\/s\), into schema rebuild_audit_\w+$/m);
    expect(run.stdout).toMatch(/^domain_events +5000 +5000 +equal +0$/m);
    expect(run.stdout).toMatch(/^audit_logs +5000 +5000 +equal +0$/m);
    expect(run.stdout).toContain('Equal: the rebuild reproduces the live read model, hash chain included.');
    expect(run.stderr).toMatch(/rebuild audit \[.*\] 5000\/5000 scanned, 5000 projected/);
    const shadow = /into schema (rebuild_audit_\w+)/.exec(run.stdout)![1];
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name = $1', [shadow]);
    expect(rows[0].n).toBe(0);
  });

  it('reports a live row changed by hand, by event id, and refuses --swap while the live projector runs', async () => {
    const {
      rows: [victim],
    } = await pool.query('SELECT event_id::text FROM audit_logs WHERE tenant_id = $1 ORDER BY chain_seq DESC LIMIT 1', [tenants[0]]);
    await pool.query(`UPDATE audit_logs SET metadata = jsonb_set(metadata, '{newAssigneeId}', '"mallory"') WHERE event_id = $1`, [victim.event_id]);
    const run = await cli('rebuild', 'audit');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^audit_logs +5000 +5000 +DIFFERENT +1$/m);
    expect(run.stdout).toMatch(/^domain_events +5000 +5000 +equal +0$/m);
    expect(run.stdout).toContain(`audit_logs: 1 row(s) differ:\n  ${victim.event_id}  differs`);

    const refused = await cli('rebuild', 'audit', '--swap');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`--swap: group ${prefix.replace(/\./g, '\\.')}audit-projector has 1 active member\\(s\\): \\S+@\\S+ \\(\\S+\\); stop the live projector first`));
  });

  it('swaps the rebuild in, and the live projector continues from its end', async () => {
    await stopProjector();
    const swapped = await cli('rebuild', 'audit', '--swap');
    expect(swapped.code).toBe(0);
    expect(swapped.stdout).toContain(`Swapped in: domain_events 5000 rows, audit_logs 5000 rows; ${prefix}audit-projector continues from the rebuild's end.`);
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM audit_logs WHERE tenant_id = $1 AND metadata->>'newAssigneeId' = 'mallory'", [tenants[0]]);
    expect(rows[0].n).toBe(0);

    await publish(5_000, 10);
    projector = await startProjector();
    await eventually('the 10 new events projected after the swap', async () => ((await auditRows()) === 5_010 ? true : undefined), 60_000);
    const again = await cli('rebuild', 'audit');
    expect([again.code, again.stdout.includes('Equal: the rebuild reproduces the live read model, hash chain included.')]).toEqual([0, true]);
    expect(again.stdout).toMatch(/^audit_logs +5010 +5010 +equal +0$/m);
  });

  it('refuses --swap when a topic no longer holds its offset 0, naming it', async () => {
    const topic = `${prefix}tickets.events.v1`;
    await withAdmin(kafka, async (admin) =>
      admin.deleteRecordsBefore(
        topic,
        (await admin.endOffsets(topic)).filter((p) => p.offset !== '0').map((p) => ({ partition: p.partition, offset: '1' })),
      ),
    );
    const refused = await cli('rebuild', 'audit', '--swap');
    expect([refused.code, refused.stderr.trim()]).toEqual([
      1,
      `eventline: --swap: ${topic} no longer hold their offset 0, so the rebuild lacks their oldest events and a swap would drop them from the read model; --allow-partial swaps anyway`,
    ]);
  });
});
