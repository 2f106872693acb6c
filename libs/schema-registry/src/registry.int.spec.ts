import { createKafkaPort, type IncomingMessage } from '@eventline/kafka-port';
import { loadStackEndpoints } from '@eventline/stack-config';
import { eventually, uniqueName } from '@eventline/test-harness';
import { SchemaRegistryClient, type AvroSchema } from './index';

const recordSchema = (name: string, extraFields: AvroSchema[] = []): AvroSchema => ({
  type: 'record',
  name,
  namespace: 'dev.eventline.test',
  fields: [{ name: 'tenant_id', type: 'string', doc: 'Owning tenant' }, { name: 'amount', type: 'long', doc: 'Minor units' }, ...extraFields],
});

/** Runs against the stack's Apicurio registry through its Confluent-compatible API. */
describe('schema registry client against the real registry', () => {
  const endpoints = loadStackEndpoints();
  const registry = new SchemaRegistryClient(endpoints.schemaRegistryUrl);

  it('registers a schema idempotently, fetches it by id and finds the latest version', async () => {
    const subject = `${uniqueName('test.topic')}-dev.eventline.test.Paid`;
    const schema = recordSchema('Paid');
    const id = await registry.register(subject, schema);
    expect(await registry.register(subject, schema)).toBe(id);
    expect(await registry.latestSchemaId(subject)).toBe(id);
    expect(await registry.schemaById(id)).toMatchObject({ name: 'Paid', fields: [{ name: 'tenant_id' }, { name: 'amount' }] });
    expect(await registry.subjects()).toContain(subject);
  });

  it('keeps a compatibility level per subject and enforces it on the next registration', async () => {
    const subject = `${uniqueName('test.topic')}-dev.eventline.test.Refunded`;
    await registry.register(subject, recordSchema('Refunded'));
    await registry.setCompatibility(subject, 'FULL_TRANSITIVE');
    expect(await registry.getCompatibility(subject)).toBe('FULL_TRANSITIVE');

    const optional = { name: 'note', type: ['null', 'string'], default: null, doc: 'Optional' };
    const v2 = await registry.register(subject, recordSchema('Refunded', [optional]));
    expect(await registry.latestSchemaId(subject)).toBe(v2);

    const required = { name: 'reason', type: 'string', doc: 'Required: breaks old readers' };
    await expect(registry.register(subject, recordSchema('Refunded', [optional, required]))).rejects.toThrow();
    expect(await registry.latestSchemaId(subject)).toBe(v2);
  });

  it('adds versions one request each at the level set before the first, refusing a breaking one with 409', async () => {
    const subject = `${uniqueName('test.topic')}-dev.eventline.test.Reversed`;
    await registry.setCompatibility(subject, 'FULL_TRANSITIVE');
    await registry.addVersion(subject, recordSchema('Reversed'));
    await registry.addVersion(subject, recordSchema('Reversed', [{ name: 'note', type: ['null', 'string'], default: null, doc: 'Optional' }]));
    const breaking = registry.addVersion(subject, recordSchema('Reversed', [{ name: 'reason', type: 'string', doc: 'Required' }]));
    await expect(breaking).rejects.toMatchObject({ name: 'RegistryHttpError', status: 409 });
    expect(await registry.versions(subject)).toEqual([1, 2]);
    expect(await registry.getCompatibility(subject)).toBe('FULL_TRANSITIVE');
  });

  it('deletes a subject for good: soft, then permanently, its level going with it', async () => {
    const subject = `${uniqueName('test.topic')}-dev.eventline.test.Voided`;
    await registry.setCompatibility(subject, 'FULL_TRANSITIVE');
    await registry.addVersion(subject, recordSchema('Voided'));
    await registry.deleteSubject(subject);
    expect(await registry.subjects()).not.toContain(subject);
    expect(await registry.subjects({ includeDeleted: true })).toContain(subject);
    await registry.deleteSubject(subject, { permanent: true });
    expect(await registry.subjects({ includeDeleted: true })).not.toContain(subject);
    expect(await registry.versions(subject)).toEqual([]);
    expect(await registry.getCompatibility(subject)).toBeUndefined();
  });

  it('round-trips an Avro value in the Confluent wire format through a Kafka consumer group', async () => {
    const topic = uniqueName('test.payments');
    const subject = `${topic}-dev.eventline.test.Captured`;
    const id = await registry.register(subject, recordSchema('Captured'));
    const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'registry-roundtrip-test' });
    const admin = kafka.admin();
    await admin.connect();
    await admin.ensureTopics([{ topic, partitions: 1, replicationFactor: 1 }]);
    await admin.disconnect();

    const value = await registry.encode(id, { tenant_id: 'tenant-a', amount: 1250 });
    expect(value[0]).toBe(0);
    expect(value.readInt32BE(1)).toBe(id);

    const producer = kafka.producer();
    await producer.connect();
    await producer.send(topic, [{ key: 'tenant-a', value }]);
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: uniqueName('roundtrip'), fromBeginning: true });
    let received: IncomingMessage | undefined;
    await consumer.connect();
    await consumer.subscribe([topic]);
    await consumer.run(async (batch) => void (received ??= batch.messages[0]));
    const message = await eventually('the produced message', async () => received);
    await consumer.disconnect();

    expect(message.value?.readInt32BE(1)).toBe(id);
    expect(await registry.decode(message.value!)).toEqual({ tenant_id: 'tenant-a', amount: 1250 });
  });

  it('decodes old data with a newer reader schema (defaults fill the new field)', async () => {
    const subject = `${uniqueName('test.topic')}-dev.eventline.test.Settled`;
    const v1 = await registry.register(subject, recordSchema('Settled'));
    const encoded = await registry.encode(v1, { tenant_id: 't', amount: 5 });
    const reader = recordSchema('Settled', [{ name: 'note', type: ['null', 'string'], default: null, doc: 'Optional' }]);
    expect(await registry.decode(encoded, reader)).toEqual({ tenant_id: 't', amount: 5, note: null });
  });
});
