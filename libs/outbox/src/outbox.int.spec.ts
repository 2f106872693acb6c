import type { Pool } from 'pg';
import { createKafkaPort, type KafkaPort } from '@eventline/kafka-port';
import { migrate, createPool } from '@eventline/persistence';
import { EventValidationError, Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { eventually, readTopic, ticketAssigned, uniqueName } from '@eventline/test-harness';
import { OutboxRelay, OutboxWriter } from './index';

const TOPIC = 'tickets.events.v1';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('transactional outbox against the real stack', () => {
  const endpoints = loadStackEndpoints();
  let pool: Pool;
  let kafka: KafkaPort;
  let publisher: Publisher;
  let writer: OutboxWriter;

  beforeAll(async () => {
    await migrate(endpoints.databaseUrl);
    pool = createPool({ applicationName: 'outbox-test', connectionString: endpoints.databaseUrl });
    kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'outbox-test' });
    publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), source: 'billing-service' });
    writer = new OutboxWriter(publisher);
  });
  afterAll(async () => {
    await publisher.close();
    await pool.end();
  });

  const inTransaction = async (work: (client: import('pg').PoolClient) => Promise<void>, outcome: 'COMMIT' | 'ROLLBACK') => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query(outcome);
    } finally {
      client.release();
    }
  };
  const rowsOf = async (tenant: string) => (await pool.query<{ published: boolean }>('SELECT published_at IS NOT NULL AS published FROM outbox WHERE tenant_id = $1', [tenant])).rows;

  it('publishes nothing for a rolled-back transaction', async () => {
    const tenant = uniqueName('rolled-back');
    await inTransaction(async (client) => {
      await client.query('CREATE TEMP TABLE business_write (id int) ON COMMIT DROP');
      await writer.append(client, [ticketAssigned(tenant, 1), ticketAssigned(tenant, 2)]);
    }, 'ROLLBACK');
    const relay = new OutboxRelay(pool, publisher, quiet);
    while ((await relay.runOnce()) > 0);
    expect(await rowsOf(tenant)).toEqual([]);
    const sentinel = uniqueName('sentinel');
    await publisher.publishUntyped([ticketAssigned(sentinel, 0)]);
    const seen = await readTopic(kafka, TOPIC, 1, (m) => m.key === tenant || m.key === sentinel);
    expect(seen.map((m) => m.key)).toEqual([sentinel]);
  });

  it('refuses an invalid event inside the caller transaction, naming the field', async () => {
    const tenant = uniqueName('invalid');
    const bad = { ...ticketAssigned(tenant, 1), payload: { ticketId: 'T-1' } };
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await expect(writer.append(client, [bad])).rejects.toThrow(EventValidationError);
      await expect(writer.append(client, [bad])).rejects.toThrow(/payload.newAssigneeId: is required/);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it('refuses what the stores cannot hold before it reaches the outbox table', async () => {
    const bad = { ...ticketAssigned(uniqueName('edge'), 1), event_id: 'e-1', entity_id: 'T-\u0000' };
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const before = await client.query('SELECT count(*)::int AS n FROM outbox');
      const error = await writer.append(client, [bad]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventValidationError);
      expect((error as EventValidationError).problems.map((problem) => problem.path)).toEqual(['event_id', 'entity_id']);
      expect((await client.query('SELECT count(*)::int AS n FROM outbox')).rows).toEqual(before.rows);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it('publishes a committed transaction once, keeping the producer source and event ids, woken by NOTIFY', async () => {
    const tenant = uniqueName('committed');
    // A one-minute poll: only the NOTIFY on commit can wake the relay within the test's wait.
    const relay = new OutboxRelay(pool, publisher, quiet, { pollIntervalMs: 60_000 });
    await relay.start();
    let ids: string[] = [];
    try {
      await eventually('the relay to be idle', async () => ((await relay.runOnce()) === 0 ? true : undefined));
      await inTransaction(async (client) => {
        ids = await writer.append(
          client,
          [1, 2, 3].map((n) => ticketAssigned(tenant, n)),
        );
      }, 'COMMIT');
      await eventually('rows marked published', async () => ((await rowsOf(tenant)).every((r) => r.published) ? true : undefined), 10_000);
    } finally {
      await relay.stop();
    }
    const messages = await readTopic(kafka, TOPIC, 3, (m) => m.key === tenant);
    expect(messages.map((m) => m.headers.event_id)).toEqual(ids);
    const registry = new SchemaRegistryClient(endpoints.schemaRegistryUrl);
    expect(await registry.decode(messages[0].value!)).toMatchObject({ source: 'billing-service', event_id: ids[0] });
  });

  it('keeps the trace context beside the event and publishes the row with it in the headers', async () => {
    const tenant = uniqueName('traced');
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await inTransaction(async (client) => {
      await writer.append(client, [{ ...ticketAssigned(tenant, 1), traceparent, tracestate: 'vendor=abc' }, ticketAssigned(tenant, 2)]);
    }, 'COMMIT');
    const stored = await pool.query("SELECT trace_context, event ? 'traceparent' AS inside FROM outbox WHERE tenant_id = $1 ORDER BY id", [tenant]);
    expect(stored.rows).toEqual([
      { trace_context: { traceparent, tracestate: 'vendor=abc' }, inside: false },
      { trace_context: null, inside: false },
    ]);
    const relay = new OutboxRelay(pool, publisher, quiet);
    while ((await relay.runOnce()) > 0);
    const messages = await readTopic(kafka, TOPIC, 2, (m) => m.key === tenant);
    expect(messages.map((m) => [m.headers.traceparent, m.headers.tracestate])).toEqual([
      [traceparent, 'vendor=abc'],
      [undefined, undefined],
    ]);
  });

  it('marks a row that no longer satisfies its contract as failed and moves on', async () => {
    const tenant = uniqueName('drifted');
    await inTransaction(async (client) => {
      await writer.append(client, [ticketAssigned(tenant, 1), ticketAssigned(tenant, 2)]);
      await client.query(`UPDATE outbox SET event = jsonb_set(event, '{envelope,payload,ticketId}', '42') WHERE tenant_id = $1 AND event->'envelope'->>'entity_id' = 'T-1'`, [tenant]);
    }, 'COMMIT');
    const relay = new OutboxRelay(pool, publisher, quiet);
    while ((await relay.runOnce()) > 0);
    const { rows } = await pool.query(
      "SELECT event->'envelope'->>'entity_id' AS entity, published_at IS NOT NULL AS published, failed_at IS NOT NULL AS failed, last_error FROM outbox WHERE tenant_id = $1 ORDER BY id",
      [tenant],
    );
    expect(rows).toEqual([
      { entity: 'T-1', published: false, failed: true, last_error: expect.stringContaining('payload.ticketId') },
      { entity: 'T-2', published: true, failed: false, last_error: null },
    ]);
  });
});
