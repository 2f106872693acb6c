import type { ChildProcess } from 'node:child_process';
import { Pool } from 'pg';
import { createKafkaPort } from '@eventline/kafka-port';
import { OutboxWriter } from '@eventline/outbox';
import { migrate } from '@eventline/persistence';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { eventually, exited, readTopic, startApp, ticketAssigned, uniqueName } from '@eventline/test-harness';

const TOPIC = 'tickets.events.v1';

/** The real relay app, as its own process, so it can be started late and killed with SIGKILL; two may run, so each takes any free HTTP port. */
const startRelay = (batchSize: number) => startApp('apps/outbox-relay/src/main.ts', { OUTBOX_BATCH_SIZE: String(batchSize), OUTBOX_RELAY_PORT: '0' });

describe('outbox-relay processes against the real stack', () => {
  jest.setTimeout(240_000);
  const endpoints = loadStackEndpoints();
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'relay-process-test' });
  let pool: Pool;
  let publisher: Publisher;
  let relays: ChildProcess[] = [];

  beforeAll(async () => {
    await migrate(endpoints.databaseUrl);
    pool = new Pool({ connectionString: endpoints.databaseUrl });
    publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), source: 'relay-test' });
  });
  afterEach(async () => {
    relays.forEach((relay) => relay.kill('SIGTERM'));
    await Promise.all(relays.map(exited));
    relays = [];
  });
  afterAll(async () => {
    await publisher.close();
    await pool.end();
  });

  /** Commits `perTenant` events for each tenant, interleaved, in transactions of 500 rows. */
  async function commitEvents(tenants: string[], perTenant: number): Promise<Map<string, string[]>> {
    const writer = new OutboxWriter(publisher);
    const inputs = Array.from({ length: perTenant }, (_, n) => tenants.map((t) => ticketAssigned(t, n))).flat();
    const byTenant = new Map(tenants.map((t) => [t, [] as string[]]));
    for (let i = 0; i < inputs.length; i += 500) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const chunk = inputs.slice(i, i + 500);
        const ids = await writer.append(client, chunk);
        ids.forEach((id, k) => byTenant.get(chunk[k].tenant_id)!.push(id));
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    }
    return byTenant;
  }

  const publishedCount = async (tenants: string[]) =>
    Number((await pool.query('SELECT count(*) FROM outbox WHERE tenant_id = ANY($1) AND published_at IS NOT NULL', [tenants])).rows[0].count);

  /** Messages of `tenants`, in the order Kafka holds them per tenant (one tenant, one partition). */
  async function messagesByTenant(tenants: string[], atLeast: number): Promise<Map<string, string[]>> {
    const wanted = new Set(tenants);
    const messages = await readTopic(kafka, TOPIC, atLeast, (m) => wanted.has(m.key ?? ''), 60_000);
    const byTenant = new Map(tenants.map((t) => [t, [] as string[]]));
    for (const m of messages) byTenant.get(m.key!)!.push(m.headers.event_id);
    return byTenant;
  }

  it('publishes events committed while no relay ran, once a relay starts', async () => {
    const tenants = [uniqueName('late-a'), uniqueName('late-b')];
    const committed = await commitEvents(tenants, 5);
    expect(await publishedCount(tenants)).toBe(0);
    relays.push(startRelay(100));
    await eventually('all rows published', async () => ((await publishedCount(tenants)) === 10 ? true : undefined), 60_000);
    expect(await messagesByTenant(tenants, 10)).toEqual(committed);
  });

  it('loses nothing when the relay is killed with SIGKILL mid-stream, and keeps per-tenant order', async () => {
    const tenants = Array.from({ length: 5 }, () => uniqueName('killed'));
    const committed = await commitEvents(tenants, 1_000);
    const total = 5_000;
    relays.push(startRelay(20));
    const atKill = await eventually('some rows published', async () => {
      const n = await publishedCount(tenants);
      return n >= 300 ? n : undefined;
    }, 60_000);
    relays[0].kill('SIGKILL');
    await exited(relays[0]);
    expect(atKill).toBeLessThan(total);

    relays.push(startRelay(200));
    await eventually('every row published', async () => ((await publishedCount(tenants)) === total ? true : undefined), 120_000);
    const received = await messagesByTenant(tenants, total);
    for (const tenant of tenants) {
      const firstSeen = [...new Set(received.get(tenant))];
      // At-least-once: a batch in flight at the kill may come twice, but none is missing and order holds.
      expect(firstSeen).toEqual(committed.get(tenant));
    }
  });

  it('shares the outbox between two relays without double sends, in per-tenant order', async () => {
    const tenants = Array.from({ length: 8 }, () => uniqueName('shared'));
    relays.push(startRelay(50), startRelay(50));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const committed = await commitEvents(tenants, 250);
    await eventually('every row published', async () => ((await publishedCount(tenants)) === 2_000 ? true : undefined), 120_000);
    const received = await messagesByTenant(tenants, 2_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const again = await messagesByTenant(tenants, 2_000);
    expect(again).toEqual(received);
    expect(received).toEqual(committed);
  });
});
