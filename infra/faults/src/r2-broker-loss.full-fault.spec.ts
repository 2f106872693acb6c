import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { registerCatalog } from '@eventline/contract-registration';
import { loadCatalog } from '@eventline/contracts';
import { createKafkaPort } from '@eventline/kafka-port';
import { createPool, migrate } from '@eventline/persistence';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, eventually, exited, freePort, startApp, ticketAssigned, uniqueName, waitForHealth, type ScratchDatabase } from '@eventline/test-harness';
import { startPrivateKafkaCluster, type PrivateKafkaCluster } from '../../stack/src/private-cluster';

const EVENTS = 50_000;
const BATCH = 1_000;
/** The broker dies once this many events are acknowledged, with sends still in flight. */
const KILL_AFTER = 20_000;
const KILLED_NODE = 2;
/** Goal: every acknowledged event projected within a minute of the broker's death (the test fails above 2x). */
const CATCH_UP_GOAL_S = 60;

/**
 * R2: one of three brokers dies (kill -9) while the publisher SDK writes and the real audit
 * projector reads. With replication factor 3 and min.insync.replicas=2, every event the
 * publisher saw acknowledged must reach domain_events and audit_logs exactly once.
 */
describe('R2: losing a broker loses no acknowledged event', () => {
  jest.setTimeout(600_000);
  const endpoints = loadStackEndpoints();
  let cluster: PrivateKafkaCluster;
  let scratch: ScratchDatabase;
  let pool: Pool;
  let projector: ChildProcess | undefined;
  let projectorPort: number;

  beforeAll(async () => {
    cluster = await startPrivateKafkaCluster({ nodes: 3 });
    scratch = await createScratchDatabase(endpoints.databaseUrl);
    await migrate(scratch.url);
    pool = createPool({ connectionString: scratch.url, applicationName: 'fault-r2' });
    const admin = createKafkaPort({ brokers: cluster.brokers, clientId: 'r2-setup' }).admin();
    await admin.connect();
    await registerCatalog(loadCatalog(), new SchemaRegistryClient(endpoints.schemaRegistryUrl), admin);
    await admin.disconnect();
    projectorPort = await freePort();
    projector = startApp(
      'apps/audit-projector/src/main.ts',
      { KAFKA_BROKERS: cluster.brokers.join(','), DATABASE_URL: scratch.url, AUDIT_PROJECTOR_PORT: String(projectorPort) },
      join(cluster.dir, 'audit-projector.log'),
    );
    await waitForHealth(projectorPort);
  });

  afterAll(async () => {
    projector?.kill('SIGTERM');
    if (projector) await exited(projector);
    await pool?.end();
    await scratch?.drop();
    await cluster?.stop();
  });

  it('projects every acknowledged event exactly once across a broker kill -9', async () => {
    const tenant = uniqueName('r2');
    const kafka = createKafkaPort({ brokers: cluster.brokers, clientId: 'r2-publisher' });
    const publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), source: 'r2-fault', maxBatchSize: BATCH });
    const acknowledged: string[] = [];
    const failed: string[] = [];
    let killedAt: number | undefined;
    let ackedAfterKill = 0;
    let longestSendMs = 0;

    for (let start = 0; start < EVENTS; start += BATCH) {
      const inputs = Array.from({ length: Math.min(BATCH, EVENTS - start) }, (_, i) => ticketAssigned(tenant, start + i));
      const prepared = await publisher.prepareAll(inputs);
      const ids = prepared.map((p) => p.eventId);
      if (killedAt === undefined && acknowledged.length >= KILL_AFTER) {
        // Not awaited: the SIGKILL goes out at once, while this batch is being sent.
        killedAt = Date.now();
        void cluster.stopNode(KILLED_NODE, 'SIGKILL');
      }
      const sendStarted = Date.now();
      try {
        await publisher.send(prepared);
        longestSendMs = Math.max(longestSendMs, Date.now() - sendStarted);
        acknowledged.push(...ids);
        if (killedAt !== undefined) ackedAfterKill += ids.length;
      } catch {
        failed.push(...ids);
      }
    }
    await publisher.close();
    const publishedAt = Date.now();

    const projectedOf = async (ids: string[]) => Number((await pool.query('SELECT count(*) AS n FROM domain_events WHERE event_id = ANY($1::uuid[])', [ids])).rows[0].n);
    await eventually('every acknowledged event projected', async () => ((await projectedOf(acknowledged)) >= acknowledged.length ? true : undefined), 2 * CATCH_UP_GOAL_S * 1000);
    const caughtUpS = (Date.now() - killedAt!) / 1000;
    // Anything still on its way would show up as a duplicate now.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const counts = async (table: string) => {
      const { rows } = await pool.query(
        `SELECT count(*) AS total, count(DISTINCT event_id) AS distinct_ids, count(*) FILTER (WHERE event_id = ANY($1::uuid[])) AS acked FROM ${table} WHERE tenant_id = $2`,
        [acknowledged, tenant],
      );
      return { total: Number(rows[0].total), distinct: Number(rows[0].distinct_ids), acked: Number(rows[0].acked) };
    };
    const domain = await counts('domain_events');
    const audit = await counts('audit_logs');
    const failedButProjected = failed.length > 0 ? await projectedOf(failed) : 0;

    const restartStarted = Date.now();
    await cluster.startNode(KILLED_NODE);
    const restartS = (Date.now() - restartStarted) / 1000;

    const figures = {
      acknowledged: acknowledged.length,
      'acknowledged after the kill': ackedAfterKill,
      'failed to publish': failed.length,
      'failed to publish, projected anyway': failedButProjected,
      projected: domain.acked,
      lost: acknowledged.length - Math.min(domain.acked, audit.acked),
      duplicated: domain.total - domain.distinct + (audit.total - audit.distinct),
      's from kill to projection caught up': Number(caughtUpS.toFixed(1)),
      's longest wait for one batch ack': Number((longestSendMs / 1000).toFixed(1)),
      's publishing after the kill': Number(((publishedAt - killedAt!) / 1000).toFixed(1)),
      's to restart the broker': Number(restartS.toFixed(1)),
    };
    console.log(
      `R2 broker loss (${EVENTS} events, node ${KILLED_NODE} of 3 killed after ${KILL_AFTER} acknowledged):\n${Object.entries(figures)
        .map(([k, v]) => `  ${k.padEnd(38)} ${v}`)
        .join('\n')}`,
    );

    expect(killedAt).toBeDefined();
    expect(ackedAfterKill).toBeGreaterThan(0);
    expect(domain).toEqual({ total: domain.distinct, distinct: domain.distinct, acked: acknowledged.length });
    expect(audit).toEqual({ total: audit.distinct, distinct: audit.distinct, acked: acknowledged.length });
    expect(caughtUpS).toBeLessThanOrEqual(2 * CATCH_UP_GOAL_S);
  });
});
