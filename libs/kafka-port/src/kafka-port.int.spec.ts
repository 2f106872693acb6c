import { loadStackEndpoints } from '@eventline/stack-config';
import { eventually, uniqueName } from '@eventline/test-harness';
import { createKafkaPort, type IncomingMessage, type KafkaPort } from './index';

/** Runs against the broker of the local stack: these are the kafkajs features Eventline relies on. */
describe('Kafka port against the real broker', () => {
  let kafka: KafkaPort;
  const admin = () => kafka.admin();

  beforeAll(() => {
    kafka = createKafkaPort({ brokers: loadStackEndpoints().kafkaBrokers, clientId: 'kafka-port-test' });
  });

  it('creates topics once and leaves existing ones alone', async () => {
    const topic = uniqueName('port.create');
    const client = admin();
    await client.connect();
    try {
      expect(await client.ensureTopics([{ topic, partitions: 3, replicationFactor: 1 }])).toEqual([topic]);
      expect(await client.ensureTopics([{ topic, partitions: 3, replicationFactor: 1 }])).toEqual([]);
      expect(await client.listTopics()).toContain(topic);
      expect((await client.endOffsets(topic)).map((p) => p.partition)).toEqual([0, 1, 2]);
    } finally {
      await client.disconnect();
    }
  });

  it("creates a topic with its config and reads back the broker's effective config", async () => {
    const topic = uniqueName('port.config');
    const client = admin();
    await client.connect();
    try {
      await client.ensureTopics([{ topic, partitions: 1, replicationFactor: 1, config: { 'retention.ms': '3600000' } }]);
      const config = await client.topicConfig(topic);
      expect(config['retention.ms']).toBe('3600000');
      expect(config['min.insync.replicas']).toBe('1');
    } finally {
      await client.disconnect();
    }
  });

  it('produces idempotently with acks=all, keeps a key on one partition, and a group commits what it consumed', async () => {
    const topic = uniqueName('port.roundtrip');
    const groupId = uniqueName('port-group');
    const client = admin();
    await client.connect();
    await client.ensureTopics([{ topic, partitions: 3, replicationFactor: 1 }]);

    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    const sent = await producer.send(
      topic,
      Array.from({ length: 5 }, (_, i) => ({ key: 'tenant-a', value: Buffer.from(`v${i}`), headers: { n: String(i) } })),
    );
    expect(new Set(sent.map((r) => r.partition)).size).toBe(1);
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId, fromBeginning: true });
    const received: IncomingMessage[] = [];
    await consumer.connect();
    await consumer.subscribe([topic]);
    await consumer.run(async (batch) => void received.push(...batch.messages));
    await eventually('5 messages', async () => (received.length >= 5 ? true : undefined));
    await consumer.disconnect();

    expect(received.map((m) => m.value?.toString())).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
    expect(received.map((m) => m.headers.n)).toEqual(['0', '1', '2', '3', '4']);
    expect(received.every((m) => m.key === 'tenant-a')).toBe(true);

    const committed = await client.committedOffsets(groupId, topic);
    const partition = sent[0].partition;
    expect(committed.find((p) => p.partition === partition)?.offset).toBe('5');
    await client.disconnect();
  });

  it('finds offsets by timestamp', async () => {
    const topic = uniqueName('port.time');
    const client = admin();
    await client.connect();
    await client.ensureTopics([{ topic, partitions: 1, replicationFactor: 1 }]);
    const producer = kafka.producer();
    await producer.connect();
    const base = Date.now() - 60_000;
    await producer.send(topic, [0, 1, 2, 3].map((i) => ({ key: 'k', value: Buffer.from(String(i)), timestamp: base + i * 1_000 })));
    await producer.disconnect();

    expect(await client.offsetsAtTimestamp(topic, base + 2_000)).toEqual([{ partition: 0, offset: '2' }]);
    expect(await client.offsetsAtTimestamp(topic, base - 1)).toEqual([{ partition: 0, offset: '0' }]);
    // After the last record: the end offset, where a replay from "now" would start.
    expect(await client.offsetsAtTimestamp(topic, Date.now() + 60_000)).toEqual([{ partition: 0, offset: '4' }]);
    await client.disconnect();
  });
});
