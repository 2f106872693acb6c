import type { Pool } from 'pg';
import { createKafkaPort, type PartitionOffset } from '@eventline/kafka-port';
import { OutboxWriter } from '@eventline/outbox';
import { createPool, migrate, withTransaction } from '@eventline/persistence';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { eventually, freePort, readTopicFrom, startAppUnderTest, topicEnd, ticketAssigned, uniqueName, waitForHealth, type AppUnderTest } from '@eventline/test-harness';
import { PrivatePostgres } from '../../stack/src/private-postgres';
import { bySize } from './fault-size';
import { databaseOutage, ExitWatch } from './support/app-watch';

/**
 * R3 for the outbox relay: its PostgreSQL stops while committed rows are still being published.
 * The relay must stay up and publish every row once the database is back. It is at-least-once by
 * design (a batch Kafka acknowledged just before the database went away is sent again), so the
 * test counts republished rows rather than forbidding them, and checks per-tenant order.
 */
const ROWS = bySize({ short: 2_000, full: 10_000 });
const OUTAGE_S = bySize({ short: 10, full: 30 });
const TENANTS = 4;
const TOPIC = 'tickets.events.v1';
const RECOVERY_LIMIT_S = 2 * OUTAGE_S;

describe('R3: a PostgreSQL outage under the outbox relay', () => {
  jest.setTimeout(bySize({ short: 90_000, full: 240_000 }));
  const endpoints = loadStackEndpoints();
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'r3-relay-fault-test' });
  const writer = new OutboxWriter(new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), source: 'r3-relay-fault-test' }));
  let database: PrivatePostgres;
  let pool: Pool;
  let relay: AppUnderTest | undefined;
  let watch: ExitWatch;
  let port: number;

  const tenants = Array.from({ length: TENANTS }, (_, i) => uniqueName(`r3-relay-${i}`));
  let committed: Map<string, string[]>;
  let topicBefore: PartitionOffset[];

  beforeAll(async () => {
    // As in R3 for the projector: the relay boots while its database is prepared on another port.
    const databasePort = await freePort();
    // Small batches, so the outage comes while most rows are still waiting; a poll too slow to
    // matter, so a row committed after the outage is published only if LISTEN/NOTIFY came back.
    const env = { DATABASE_URL: PrivatePostgres.urlOn(databasePort), OUTBOX_BATCH_SIZE: '20', OUTBOX_POLL_MS: '120000' };
    relay = await startAppUnderTest({ app: 'outbox-relay', env, readyTimeoutMs: false });
    port = relay.port;
    watch = new ExitWatch(relay.child);
    database = await PrivatePostgres.start();
    await migrate(database.databaseUrl);
    const setup = createPool({ connectionString: database.databaseUrl, applicationName: 'r3-relay-fault-setup', max: 1 });
    committed = await commitRowsOf(setup, tenants, ROWS).finally(() => setup.end());
    topicBefore = await topicEnd(kafka, TOPIC);
    await database.moveTo(databasePort);
    pool = createPool({ connectionString: database.databaseUrl, applicationName: 'r3-relay-fault-test', max: 2, logger: { warn: () => undefined } });
    await waitForHealth(port, 45_000);
  });

  afterAll(async () => {
    watch?.expectExit();
    await relay?.stop();
    await pool?.end();
    await database?.remove();
  });

  /** Commits `rows` rows in order, interleaving tenants; returns each tenant's event ids in commit order. */
  async function commitRowsOf(target: Pool, tenants: string[], rows: number): Promise<Map<string, string[]>> {
    const inputs = Array.from({ length: rows }, (_, n) => ticketAssigned(tenants[n % tenants.length], n));
    const byTenant = new Map(tenants.map((t) => [t, [] as string[]]));
    for (let i = 0; i < inputs.length; i += 500) {
      const chunk = inputs.slice(i, i + 500);
      const ids = await withTransaction(target, (client) => writer.append(client, chunk));
      ids.forEach((id, k) => byTenant.get(chunk[k].tenant_id)!.push(id));
    }
    return byTenant;
  }

  const published = async (tenants: string[]) => {
    watch.assertUp('the outbox relay');
    const { rows } = await pool.query('SELECT count(*) AS n FROM outbox WHERE tenant_id = ANY($1) AND published_at IS NOT NULL', [tenants]).catch(() => ({ rows: [{ n: 0 }] }));
    return Number(rows[0].n);
  };

  it(`publishes every committed row after a ${OUTAGE_S} s database outage, without exiting`, async () => {
    const beforeOutage = await eventually(
      'some rows published before the outage',
      async () => {
        const n = await published(tenants);
        return n >= 100 ? n : undefined;
      },
      20_000,
    );
    const { duringOutage, restartedAt } = await databaseOutage(database, port, OUTAGE_S);
    await eventually('every row published', async () => ((await published(tenants)) === ROWS ? true : undefined), RECOVERY_LIMIT_S * 1_000 + 10_000);
    const recoveryS = (Date.now() - restartedAt) / 1_000;
    const late = [uniqueName('r3-relay-late')];
    const lateCommitted = Date.now();
    await commitRowsOf(pool, late, 1);
    await eventually('a row committed after the outage published on NOTIFY', async () => ((await published(late)) === 1 ? true : undefined), 10_000);
    const notifyS = (Date.now() - lateCommitted) / 1_000;

    const wanted = new Set(tenants);
    const messages = await readTopicFrom(kafka, TOPIC, topicBefore, ROWS, (m) => wanted.has(m.key ?? ''), 60_000);
    const received = new Map(tenants.map((t) => [t, [] as string[]]));
    for (const m of messages) received.get(m.key!)!.push(m.headers.event_id);
    const firstSeen = new Map(tenants.map((t) => [t, [...new Set(received.get(t))]]));
    const distinct = [...firstSeen.values()].reduce((sum, ids) => sum + ids.length, 0);
    const lost = ROWS - distinct;
    const republished = messages.length - distinct;
    console.log(
      [
        `R3 outbox relay database outage: committed ${ROWS}, outage ${OUTAGE_S} s (stopped after ${beforeOutage} published)`,
        `  published ${distinct} distinct (${messages.length} messages), lost ${lost}, republished at least ${republished} (at-least-once)`,
        `  ${recoveryS.toFixed(1)} s from database restart to all published; a row committed after it published in ${notifyS.toFixed(1)} s (LISTEN back)`,
        `  relay process: ${watch.exit ?? 'stayed up'}`,
        `  /health/ready during the outage: ${[...duringOutage].map(([k, n]) => `${k} x${n}`).join(', ')}`,
      ].join('\n'),
    );

    expect(watch.exit).toBeUndefined();
    expect(lost).toBe(0);
    expect(firstSeen).toEqual(committed);
    expect([...duringOutage.keys()].some((key) => key.startsWith('503'))).toBe(true);
    expect(recoveryS).toBeLessThan(RECOVERY_LIMIT_S);
  });
});
