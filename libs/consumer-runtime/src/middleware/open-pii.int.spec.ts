import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { findEvent, loadCatalog } from '@eventline/contracts';
import { createKafkaPort, type IncomingMessage, type KafkaPort } from '@eventline/kafka-port';
import { migrate } from '@eventline/persistence';
import { Erased, PiiOpener } from '@eventline/pii-sealing';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { appDatabaseUrl, loadStackEndpoints } from '@eventline/stack-config';
import { MasterKey, PgSubjectKeyStore } from '@eventline/subject-keys';
import { createScratchDatabase, readTopicFrom, topicEnd, uniqueName, type ScratchDatabase } from '@eventline/test-harness';
import { compose, envelopeRecord, type BatchContext } from '../context';
import { EventDecoder } from '../decode/event-decoder';
import { decodeEvents } from './decode';
import { openPii } from './open-pii';

/** Crypto-shredding end to end: the SDK seals at publish, the runtime opens, an erasure shreds one subject and not the other. */
describe('personal data sealed at publish and opened by the runtime (real Kafka, registry and PostgreSQL)', () => {
  const endpoints = loadStackEndpoints();
  const catalog = loadCatalog();
  const topic = findEvent(catalog, 'user.registered')!.topic;
  const registry = new SchemaRegistryClient(endpoints.schemaRegistryUrl);
  const master = MasterKey.fromBytes(randomBytes(32));
  const tenant = uniqueName('shred');
  const pii = ['ana@example.com', 'Ana Lima', 'bo@example.com', 'Bo Berg'];
  let scratch: ScratchDatabase;
  const pools: Pool[] = [];
  let kafka: KafkaPort;
  let publisher: Publisher;
  let raw: IncomingMessage[];

  const poolAs = (url: string) => {
    const pool = new Pool({ connectionString: url, max: 2 });
    pools.push(pool);
    return pool;
  };
  const registered = (userId: string, email: string, name: string) => ({
    event_type: 'user.registered',
    tenant_id: tenant,
    entity_id: userId,
    payload: { user_id: userId, email, display_name: name, registration_method: 'password', email_verified: false, registered_at: Date.now() },
  });
  /** The runtime's decode and open stages over the raw messages, as a consumer app runs them. */
  const consume = async (messages: IncomingMessage[], opener: PiiOpener) => {
    const context = { group: 'g', topic, partition: 0, messages, nextOffset: '0', highWatermark: '0', events: [], deadLetters: [], heartbeat: async () => undefined } as unknown as BatchContext;
    let seen: BatchContext['events'] = [];
    await compose([decodeEvents(new EventDecoder(registry, catalog)), openPii(opener), async (c: BatchContext) => void (seen = c.events)])(context);
    return { events: new Map(seen.map((event) => [event.envelope.entity_id, envelopeRecord(event).payload])), deadLetters: context.deadLetters };
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase(endpoints.databaseUrl);
    await migrate(scratch.url);
    kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'open-pii-test' });
    // The publisher holds the gateway's role: it may make and read keys, not change them.
    publisher = new Publisher({ kafka, registry, catalog, source: 'open-pii-test', subjectKeys: new PgSubjectKeyStore(poolAs(appDatabaseUrl('ingest-gateway', scratch.url, {})), master) });
    const start = await topicEnd(kafka, topic);
    await publisher.publishMany([registered('u-ana', pii[0], pii[1]), registered('u-bo', pii[2], pii[3])] as never);
    raw = await readTopicFrom(kafka, topic, start, 2, (message) => message.key === tenant);
  });

  afterAll(async () => {
    await publisher?.close();
    await Promise.all(pools.map((pool) => pool.end()));
    await scratch?.drop();
  });

  it('sends no personal data in clear: not in the value bytes, the key or the headers', () => {
    expect(raw).toHaveLength(2);
    for (const message of raw) {
      const bytes = Buffer.concat([message.value!, Buffer.from(JSON.stringify([message.key, message.headers]))]);
      for (const value of pii) expect([value, bytes.includes(value)]).toEqual([value, false]);
    }
  });

  it('opens both subjects for a worker with read access, then shows only the erased one as Erased', async () => {
    // No key cache, so the erasure below shows at once (a worker's default cache lets it take up to 10 s).
    const worker = new PiiOpener(new PgSubjectKeyStore(poolAs(appDatabaseUrl('notification-worker', scratch.url, {})), master, { cacheMs: 0 }));
    const before = await consume(raw, worker);
    expect(before.events.get('u-ana')).toMatchObject({ email: pii[0], display_name: pii[1] });
    expect(before.events.get('u-bo')).toMatchObject({ email: pii[2], display_name: pii[3] });

    expect(await new PgSubjectKeyStore(poolAs(scratch.url), master).erase(tenant, 'u-ana')).toBe(1);

    const after = await consume(raw, worker);
    expect(after.events.get('u-ana')!.email).toBeInstanceOf(Erased);
    expect(after.events.get('u-ana')!.display_name).toBeInstanceOf(Erased);
    expect(after.events.get('u-bo')).toMatchObject({ email: pii[2], display_name: pii[3] });
    expect(after.deadLetters).toEqual([]);
  });

  it('sends an event whose key does not unwrap (another master key) to the dead letters, and passes the rest', async () => {
    const opener = new PiiOpener(new PgSubjectKeyStore(poolAs(scratch.url), MasterKey.fromBytes(randomBytes(32))));
    const { events, deadLetters } = await consume(raw, opener);
    // u-ana was erased above: no key is unwrapped for her, so she reads as Erased; u-bo's key cannot be opened.
    expect([...events.keys()]).toEqual(['u-ana']);
    expect(deadLetters.map((letter) => letter.errorClass)).toEqual(['SealError']);
    expect(deadLetters[0].reason).toMatch(/^its personal data cannot be opened: /);
  });
});
