import { Partitioners } from 'kafkajs';
import { readTopicFrom, topicEnd, uniqueName } from '@eventline/test-harness';
import { freshTopic, produce, RecordingMember, withAdmin } from '../contract/fixture';
import { createMemoryKafka } from '../index';

/** What the core contract does not pin down but code on the memory port relies on. */
describe('in-memory Kafka port', () => {
  it("puts every key where kafkajs' Java-compatible murmur2 partitioner does, over every partition", async () => {
    const kafka = createMemoryKafka();
    const keys = Array.from({ length: 1_000 }, (_, i) => (i % 100 === 7 ? `tenant-é-${i}-✓` : `tenant-${i}`));
    for (const partitions of [6, 12]) {
      const topic = await freshTopic(kafka, 'memory.partitioning', partitions);
      const kafkajs = Partitioners.DefaultPartitioner();
      const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
      const producer = kafka.producer();
      await producer.connect();
      const differing: string[] = [];
      const used = new Set<number>();
      for (const key of keys) {
        const [sent] = await producer.send(topic, [{ key, value: null }]);
        used.add(sent.partition);
        if (sent.partition !== kafkajs({ topic, partitionMetadata, message: { key, value: null } })) differing.push(key);
      }
      expect(differing).toEqual([]);
      expect(used.size).toBe(partitions);
    }
  });

  it('refuses what needs a real broker, naming the operation', async () => {
    const kafka = createMemoryKafka();
    const topic = await freshTopic(kafka, 'memory.unsupported', 1);
    await withAdmin(kafka, async (admin) => {
      await expect(admin.topicConfig(topic)).rejects.toMatchObject({
        name: 'KafkaPortError',
        retriable: false,
        message: expect.stringMatching(/^topicConfig .*not supported by the in-memory Kafka port/),
      });
      await expect(admin.alterTopicConfig(topic, { 'retention.ms': '1' })).rejects.toThrow(/^alterTopicConfig is not supported/);
      await expect(admin.deleteRecordsBefore(topic, [{ partition: 0, offset: '1' }])).rejects.toThrow(/^deleteRecordsBefore .*not supported/);
    });
  });

  it('refuses a send to a topic that does not exist, and a send before connect, naming the topic', async () => {
    const kafka = createMemoryKafka();
    const missing = uniqueName('memory.missing');
    const producer = kafka.producer();
    await expect(producer.send(missing, [{ key: 'k', value: null }])).rejects.toThrow(`sending to ${missing}: the producer is not connected`);
    await producer.connect();
    await expect(producer.send(missing, [{ key: 'k', value: null }])).rejects.toThrow(`sending to ${missing}: topic ${missing} does not exist`);
  });

  it('splits the partitions between two members of a group and gives them all back when one leaves', async () => {
    const kafka = createMemoryKafka();
    const topic = await freshTopic(kafka, 'memory.rebalance', 4);
    const groupId = uniqueName('memory-rebalance');
    const first = await new RecordingMember(kafka, { groupId, fromBeginning: true }).start([topic]);
    expect(first.owned()).toEqual([0, 1, 2, 3]);
    const second = await new RecordingMember(kafka, { groupId, fromBeginning: true }).start([topic]);
    expect([first.owned().length, second.owned().length]).toEqual([2, 2]);
    expect([...first.owned(), ...second.owned()].sort()).toEqual([0, 1, 2, 3]);
    await produce(
      kafka,
      topic,
      Array.from({ length: 40 }, (_, i) => ({ key: `tenant-${i}`, value: String(i) })),
    );
    await first.waitFor(1);
    await second.waitFor(1);
    expect(first.received.every((m) => first.owned().includes(m.partition))).toBe(true);
    await second.stop();
    expect(first.owned()).toEqual([0, 1, 2, 3]);
    await first.waitFor(40 - second.received.length);
    await first.stop();
    expect(new Set([...first.received, ...second.received].map((m) => `${m.partition}:${m.offset}`)).size).toBe(40);
  });

  it('hands a batch whose handler failed over again, from the same offset', async () => {
    const kafka = createMemoryKafka({ failedBatchDelayMs: 20 });
    const topic = await freshTopic(kafka, 'memory.redeliver', 1);
    await produce(kafka, topic, [
      { key: 'k', value: 'a' },
      { key: 'k', value: 'b' },
    ]);
    let failures = 2;
    const member = await new RecordingMember(kafka, { groupId: uniqueName('memory-redeliver'), fromBeginning: true }).start([topic], () => {
      if (failures-- > 0) throw new Error('not yet');
    });
    await member.waitFor(2);
    await member.stop();
    expect(member.values()).toEqual(['a', 'b']);
    expect(failures).toBe(-1);
  });

  it('starts a partition where a seek made in onAssigned says, as readTopicFrom relies on', async () => {
    const kafka = createMemoryKafka();
    const topic = await freshTopic(kafka, 'memory.seek-on-assign', 2);
    await produce(kafka, topic, [
      { key: 'a', value: 'old-a' },
      { key: 'b', value: 'old-b' },
    ]);
    const start = await topicEnd(kafka, topic);
    await produce(kafka, topic, [
      { key: 'a', value: 'new-a' },
      { key: 'b', value: 'new-b' },
    ]);
    const read = await readTopicFrom(kafka, topic, start, 2, undefined, 5_000);
    expect(read.map((m) => m.value?.toString()).sort()).toEqual(['new-a', 'new-b']);
  });
});
