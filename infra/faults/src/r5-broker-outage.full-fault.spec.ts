import type { ChildProcess } from 'node:child_process';
import type { Pool } from 'pg';
import { ApiKeyStore } from '@eventline/api-keys';
import { createKafkaPort } from '@eventline/kafka-port';
import { createPool, migrate } from '@eventline/persistence';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, eventually, exited, freePort, startApp, ticketAssigned, uniqueName, waitForHealth, type ScratchDatabase } from '@eventline/test-harness';
import { bySize } from './fault-size';
import { printFaultReport, seconds } from './support/fault-report';
import { commitOutboxRows, publishedCount, receivedEventIds, TICKETS_TOPIC } from './support/outbox-rows';
import { PrivateKafka } from './support/private-kafka';
import { RelayProcess } from './support/relay-process';

const OUTAGE_S = 15;
const PUBLISH_BUDGET_S = 10;

/**
 * Only in `npm run test:faults`: starting a broker twice and 15 s of outage take longer than a
 * minute. A broker of the test's own goes away for 15 s under a running outbox relay and ingest gateway
 * (each with a database of its own): committed rows wait and are all published after, and the
 * gateway answers 503 within its publish budget instead of hanging or accepting.
 */
describe('R5b: the only broker stopped for 15 s under the outbox relay and the ingest gateway', () => {
  jest.setTimeout(120_000);
  const endpoints = loadStackEndpoints();
  const broker = new PrivateKafka();
  let db: ScratchDatabase;
  let pool: Pool;
  let publisher: Publisher;
  let relay: RelayProcess | undefined;
  let gateway: ChildProcess | undefined;
  let gatewayPort = 0;

  beforeAll(async () => {
    db = await createScratchDatabase(endpoints.databaseUrl);
    await Promise.all([migrate(db.url), broker.start()]);
    await broker.createTopic(TICKETS_TOPIC);
    pool = createPool({ connectionString: db.url, max: 2, applicationName: 'fault-r5b' });
    const kafka = createKafkaPort({ brokers: [broker.brokers], clientId: 'fault-r5b' });
    publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), source: 'fault-r5b' });
    const env = { DATABASE_URL: db.url, KAFKA_BROKERS: broker.brokers };
    relay = new RelayProcess({ ...env, OUTBOX_BATCH_SIZE: '100' });
    gatewayPort = await freePort();
    gateway = startApp('apps/ingest-gateway/src/main.ts', { ...env, INGEST_PORT: String(gatewayPort) }, '/tmp/fault-r5b-gateway.log');
    await Promise.all([relay.startReady(), waitForHealth(gatewayPort, 60_000)]);
  });
  afterAll(async () => {
    await relay?.stop('SIGKILL');
    gateway?.kill('SIGKILL');
    if (gateway) await exited(gateway);
    await publisher?.close();
    await pool?.end();
    await db?.drop();
    await broker.remove();
  });

  const post = async (key: string, tenant: string) => {
    const started = Date.now();
    const response = await fetch(`http://127.0.0.1:${gatewayPort}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(ticketAssigned(tenant, 1)),
      signal: AbortSignal.timeout(60_000),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown>, seconds: seconds(started) };
  };

  it('publishes every committed row after the broker returns, and the gateway refuses with 503 + Retry-After meanwhile', async () => {
    const total = bySize({ short: 5_000, full: 20_000 });
    const tenants = Array.from({ length: 8 }, () => uniqueName('r5b'));
    const { plaintext: key } = await new ApiKeyStore(pool).create({ name: uniqueName('r5b'), tenantIds: ['*'], eventTypes: ['*'] });
    // The gateway's events go to a tenant of their own, so the relay's count on Kafka is the relay's alone.
    const gatewayTenant = uniqueName('r5b-gateway');
    const before = await post(key, gatewayTenant);
    expect(before.status).toBe(202);

    const committed = await commitOutboxRows(pool, publisher, tenants, total / 2);
    await eventually('some rows published', async () => ((await publishedCount(pool, tenants)) > 0 ? true : undefined), 30_000);
    await broker.stop();
    const stoppedAt = Date.now();
    const atStop = await publishedCount(pool, tenants);
    // Rows committed while the broker is away wait in the outbox like the rest.
    committed.push(...(await commitOutboxRows(pool, publisher, tenants, total / 2, total / 2)));
    const during = await post(key, gatewayTenant);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_S * 1000 - (Date.now() - stoppedAt))));
    const atRestart = await publishedCount(pool, tenants);
    await broker.start();
    const backAt = Date.now();
    await eventually('every row published', async () => ((await publishedCount(pool, tenants)) === total ? true : undefined), 60_000);
    const recoveredS = seconds(backAt);
    const after = await eventually(
      'the gateway to accept again',
      async () => {
        const answer = await post(key, gatewayTenant);
        return answer.status === 202 ? answer : undefined;
      },
      30_000,
    );
    const received = await receivedEventIds(createKafkaPort({ brokers: [broker.brokers], clientId: 'fault-r5b-reader' }), committed, tenants);

    printFaultReport(`R5b: ${total} committed outbox rows, the only broker stopped for ${seconds(stoppedAt, backAt)} s`, {
      'published before the stop': atStop,
      'published while stopped': atRestart - atStop,
      'distinct event ids on Kafka': received.distinct,
      lost: received.lost,
      'duplicated (at-least-once)': received.duplicated,
      'seconds from broker back to all published': recoveredS,
      'gateway answer while stopped': `${during.status} after ${during.seconds} s (Retry-After ${during.retryAfter})`,
      'gateway answer once back': `${after.status} after ${after.seconds} s`,
    });
    expect(received.lost).toBe(0);
    expect(received.distinct).toBe(total);
    expect(during).toMatchObject({ status: 503, retryAfter: expect.stringMatching(/^\d+$/), body: { error: 'broker_unavailable', message: expect.stringContaining('Kafka did not acknowledge') } });
    expect(during.seconds).toBeLessThan(2 * PUBLISH_BUDGET_S);
  });
});
