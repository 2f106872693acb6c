import { Type } from 'avsc';
import type { Catalog } from '@eventline/contracts';
import { createMemoryKafka, withAdmin } from '@eventline/kafka-port';
import { RegistryHttpError, toWireFormat, type SchemaRegistryClient } from '@eventline/schema-registry';
import { eventually, readTopic } from '@eventline/test-harness';
import { EventConsumer } from '../event-consumer';
import { EventRouter } from '../router';
import { deadLetterTopic } from './dead-letter';

const SCHEMA = {
  type: 'record',
  name: 'TicketAssigned',
  namespace: 'spec.tickets',
  fields: [
    { name: 'event_type', type: 'string' },
    { name: 'event_id', type: 'string' },
    { name: 'tenant_id', type: 'string' },
  ],
};
const SCHEMA_ID = 7;
/** The registry's lookup by id, the one call the decoder makes. */
const registry = { schemaById: async (id: number) => (id === SCHEMA_ID ? SCHEMA : Promise.reject(new RegistryHttpError(404, `/schemas/ids/${id}`, 'not found'))) } as unknown as SchemaRegistryClient;
const catalog = { events: [] } as unknown as Catalog;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const encoded = (eventId: string) => toWireFormat(SCHEMA_ID, Type.forSchema(SCHEMA as never).toBuffer({ event_type: 'TICKET_ASSIGNED', event_id: eventId, tenant_id: 'tenant-a' }));

/**
 * The runtime's default pipeline end to end on the in-memory port: what EventConsumer needs of
 * Kafka (admin, a group, manual commits, seek/pause/resume for retries, a producer for dead
 * letters), with no broker, so the failure policy's and the dead letters' paths run as a unit.
 */
describe('EventConsumer on the in-memory Kafka port', () => {
  it('hands the good events to the handler once, in order, dead-letters the undecodable one and the one the handler cannot project, and commits past all of them', async () => {
    const kafka = createMemoryKafka({ clientId: 'pipeline-spec' });
    const topic = 'tickets.events.v1';
    await withAdmin(kafka, (admin) => admin.ensureTopics([{ topic, partitions: 2, replicationFactor: 1 }]));
    const producer = kafka.producer();
    await producer.connect();
    const values = [encoded('e-1'), Buffer.from('not avro'), encoded('e-2'), encoded('e-poison'), encoded('e-3')];
    const [sent] = await producer.send(
      topic,
      values.map((value) => ({ key: 'tenant-a', value })),
    );

    const handled: string[] = [];
    const router = new EventRouter().on('*', async (events) => {
      if (events.some((event) => event.eventId === 'e-poison')) throw new TypeError('cannot project e-poison');
      handled.push(...events.map((event) => event.eventId));
    });
    const consumer = new EventConsumer({
      kafka,
      registry,
      catalog,
      group: 'projector',
      topics: [topic],
      router,
      logger: quiet,
      retry: { permanentRetries: 0, permanentBackoff: { initialMs: 10, maxMs: 20 }, transientBackoff: { initialMs: 10, maxMs: 20 } },
    });
    await consumer.start();
    try {
      const letters = await readTopic(kafka, deadLetterTopic('projector'), 2, undefined, 10_000);
      expect(letters.map((letter) => [letter.headers['dlq-original-offset'], letter.headers['dlq-error-class']]).sort()).toEqual([
        ['1', 'UndecodableMessageError'],
        ['3', 'TypeError'],
      ]);
      await eventually(
        'the group to commit past the batch',
        async () => {
          const committed = await withAdmin(kafka, (admin) => admin.committedOffsets('projector', topic));
          return committed.find((p) => p.partition === sent.partition)?.offset === '5' ? true : undefined;
        },
        10_000,
      );
    } finally {
      await consumer.stop();
    }
    expect(handled).toEqual(['e-1', 'e-2', 'e-3']);
    expect(consumer.status().state).toBe('stopped');
  });

  it('pauses and rewinds a partition whose handler hit a transient fault, and delivers the batch again once the backoff passed', async () => {
    const kafka = createMemoryKafka();
    const topic = 'tickets.events.v1';
    await withAdmin(kafka, (admin) => admin.ensureTopics([{ topic, partitions: 1, replicationFactor: 1 }]));
    const producer = kafka.producer();
    await producer.connect();
    await producer.send(
      topic,
      ['e-1', 'e-2'].map((id) => ({ key: 'tenant-a', value: encoded(id) })),
    );

    let attempts = 0;
    const handled: string[] = [];
    const router = new EventRouter().on('*', async (events) => {
      if (++attempts <= 2) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      handled.push(...events.map((event) => event.eventId));
    });
    const consumer = new EventConsumer({ kafka, registry, catalog, group: 'retrier', topics: [topic], router, logger: quiet, retry: { transientBackoff: { initialMs: 20, maxMs: 40 } } });
    await consumer.start();
    try {
      await eventually('the batch to succeed after two transient failures', async () => (handled.length === 2 ? true : undefined), 10_000);
    } finally {
      await consumer.stop();
    }
    expect([attempts, handled]).toEqual([3, ['e-1', 'e-2']]);
    expect(await withAdmin(kafka, (admin) => admin.endOffsets(deadLetterTopic('retrier')))).toEqual([{ partition: 0, offset: '0' }]);
  });
});
