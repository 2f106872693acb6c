import type { Pool } from 'pg';
import { createKafkaPort } from '@eventline/kafka-port';
import { OutboxWriter } from '@eventline/outbox';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { readTopic, startAppUnderTest, ticketAssigned, type AppUnderTest } from '@eventline/test-harness';
import { createPool } from '@eventline/persistence';

const TOPIC = 'tickets.events.v1';

export interface RelaySuite {
  /** Relays a test started; each is stopped with SIGTERM after the test. */
  relays: AppUnderTest[];
  /** Starts a relay, once ready, among `relays`. */
  startRelay(batchSize: number): Promise<AppUnderTest>;
  commitEvents(tenants: string[], perTenant: number): Promise<Map<string, string[]>>;
  publishedCount(tenants: string[]): Promise<number>;
  messagesByTenant(tenants: string[], atLeast: number): Promise<Map<string, string[]>>;
}

/**
 * Registers the hooks of a suite that runs real relay processes (so one can start late or be killed with SIGKILL;
 * two may run, each on a free HTTP port of its own) against outbox rows it commits itself.
 */
export function relaySuite(): RelaySuite {
  const endpoints = loadStackEndpoints();
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'relay-process-test' });
  let pool: Pool;
  let publisher: Publisher;
  const relays: AppUnderTest[] = [];

  beforeAll(() => {
    pool = createPool({ applicationName: 'outbox-relay-test', connectionString: endpoints.databaseUrl });
    publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), source: 'relay-test' });
  });
  afterEach(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    relays.length = 0;
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

  const publishedCount = async (tenants: string[]) => Number((await pool.query('SELECT count(*) FROM outbox WHERE tenant_id = ANY($1) AND published_at IS NOT NULL', [tenants])).rows[0].count);

  /** Messages of `tenants`, in the order Kafka holds them per tenant (one tenant, one partition). */
  async function messagesByTenant(tenants: string[], atLeast: number): Promise<Map<string, string[]>> {
    const wanted = new Set(tenants);
    const messages = await readTopic(kafka, TOPIC, atLeast, (m) => wanted.has(m.key ?? ''), 60_000);
    const byTenant = new Map(tenants.map((t) => [t, [] as string[]]));
    for (const m of messages) byTenant.get(m.key!)!.push(m.headers.event_id);
    return byTenant;
  }

  const startRelay = async (batchSize: number) => {
    const relay = await startAppUnderTest({ app: 'outbox-relay', env: { OUTBOX_BATCH_SIZE: String(batchSize) } });
    relays.push(relay);
    return relay;
  };
  return { relays, startRelay, commitEvents, publishedCount, messagesByTenant };
}
