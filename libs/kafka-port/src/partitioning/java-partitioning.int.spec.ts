import { loadStackEndpoints } from '@eventline/stack-config';
import { EACH_CLIENT, freshTopic, portFor } from '../contract/contract-fixture';
import type { KafkaPort } from '../index';
import { javaPartitions } from './java-producer';

/** The catalog's topics have 6 partitions; 12 checks a second modulus. */
const PARTITION_COUNTS = [6, 12];

/** Tenant ids as services send them, a few with non-ASCII characters so the key bytes are UTF-8. */
const TENANT_KEYS = Array.from({ length: 1_000 }, (_, i) => (i % 100 === 7 ? `tenant-é-${i}-✓` : `tenant-${i}-${(i * 2654435761) % 4294967296}`));

async function nodePartitions(kafka: KafkaPort, topic: string, keys: string[]): Promise<Map<string, number>> {
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  try {
    const partitions = new Map<string, number>();
    for (const key of keys) {
      const [sent] = await producer.send(topic, [{ key, value: Buffer.from('node') }]);
      partitions.set(key, sent.partition);
    }
    return partitions;
  } finally {
    await producer.disconnect();
  }
}

describe('tenant keys land on the partitions the Java producer picks', () => {
  jest.setTimeout(90_000);
  const kafka = portFor('kafkajs');
  const brokers = loadStackEndpoints().kafkaBrokers;
  const javaTopics = new Map<number, { topic: string; partitions: Map<string, number> }>();

  beforeAll(async () => {
    const topics: string[] = [];
    for (const count of PARTITION_COUNTS) topics.push(await freshTopic(kafka, `partitioning.java-${count}`, count));
    // One JVM for every topic: starting it (and compiling the source file) is most of the time.
    const placed = await javaPartitions(brokers, topics, TENANT_KEYS);
    PARTITION_COUNTS.forEach((count, i) => javaTopics.set(count, { topic: topics[i], partitions: placed.get(topics[i])! }));
  });

  it('the Java producer placed every key (the reference is complete)', () => {
    for (const { partitions } of javaTopics.values()) expect(partitions.size).toBe(TENANT_KEYS.length);
  });

  describe.each(EACH_CLIENT)('%s', (client) => {
    it.each(PARTITION_COUNTS)('on %i partitions, all 1,000 keys', async (count) => {
      const topic = await freshTopic(portFor(client), `partitioning.${client}-${count}`, count);
      const node = await nodePartitions(portFor(client), topic, TENANT_KEYS);
      const java = javaTopics.get(count)!.partitions;
      const differing = TENANT_KEYS.filter((key) => node.get(key) !== java.get(key));
      expect(differing).toEqual([]);
      // The keys spread over every partition, so agreement is not the trivial "all on one".
      expect(new Set(node.values()).size).toBe(count);
    });
  });
});
