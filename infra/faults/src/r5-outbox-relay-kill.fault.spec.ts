import type { Pool } from 'pg';
import { createKafkaPort } from '@eventline/kafka-port';
import { createPool, migrate } from '@eventline/persistence';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, eventually, uniqueName, type ScratchDatabase } from '@eventline/test-harness';
import { bySize } from './fault-size';
import { printFaultReport, seconds } from './support/fault-report';
import { commitOutboxRows, publishedCount, receivedEventIds } from './support/outbox-rows';
import { RelayProcess } from './support/relay-process';

/** A database of its own: no other outbox row is published by these relays, and no other relay touches these rows. */
describe('R5a: the outbox relay killed with SIGKILL mid-stream', () => {
  jest.setTimeout(58_000);
  const endpoints = loadStackEndpoints();
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'fault-r5a' });
  let db: ScratchDatabase;
  let pool: Pool;
  let publisher: Publisher;
  const relays: RelayProcess[] = [];

  beforeAll(async () => {
    db = await createScratchDatabase(endpoints.databaseUrl);
    await migrate(db.url);
    pool = createPool({ connectionString: db.url, max: 2, applicationName: 'fault-r5a' });
    publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), source: 'fault-r5a' });
  });
  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.stop('SIGKILL')));
    await publisher?.close();
    await pool?.end();
    await db?.drop();
  });

  it('loses no committed row: every event id reaches Kafka after a restart; copies of the batch in flight are counted', async () => {
    const total = bySize({ short: 5_000, full: 20_000 });
    const tenants = Array.from({ length: 8 }, () => uniqueName('r5a'));
    const committed = await commitOutboxRows(pool, publisher, tenants, total);
    const env = { DATABASE_URL: db.url, OUTBOX_BATCH_SIZE: '100' };
    relays.push(new RelayProcess(env));
    await relays[0].startReady();
    const atKill = await eventually(
      'a fifth of the rows published',
      async () => {
        const n = await publishedCount(pool, tenants);
        return n >= total / 5 ? n : undefined;
      },
      40_000,
    );
    await relays[0].stop('SIGKILL');
    const killedAt = Date.now();

    relays.push(new RelayProcess(env));
    await relays[1].startReady();
    await eventually('every row published', async () => ((await publishedCount(pool, tenants)) === total ? true : undefined), 40_000);
    const recoveredS = seconds(killedAt);
    const received = await receivedEventIds(kafka, committed, tenants);

    printFaultReport(`R5a: ${total} committed outbox rows, relay SIGKILLed after ${atKill} were marked published`, {
      committed: total,
      'distinct event ids on Kafka': received.distinct,
      lost: received.lost,
      'duplicated (at-least-once)': received.duplicated,
      'seconds from kill to all published': recoveredS,
    });
    expect(atKill).toBeLessThan(total);
    expect(received.lost).toBe(0);
    expect(received.distinct).toBe(total);
  });
});
