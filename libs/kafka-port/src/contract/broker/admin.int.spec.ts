import { EACH_CLIENT, freshTopic, portFor, produce, withAdmin } from '../contract-fixture';

/** What only a broker has: its effective topic configs and the deletion of records (the in-memory port refuses both). */
describe.each(EACH_CLIENT)('Kafka port contract, broker admin (%s)', (client) => {
  const kafka = portFor(client);

  it("creates a topic with its config and reads back the broker's effective config", async () => {
    const topic = await freshTopic(kafka, 'contract.config', 1, { 'retention.ms': '3600000' });
    const config = await withAdmin(kafka, (admin) => admin.topicConfig(topic));
    expect(config['retention.ms']).toBe('3600000');
    expect(config['min.insync.replicas']).toBe('1');
  });

  it('alters a setting of a topic and keeps its other topic-level settings', async () => {
    const topic = await freshTopic(kafka, 'contract.alter', 1, { 'retention.ms': '3600000', 'cleanup.policy': 'delete', 'max.message.bytes': '2000000' });
    await withAdmin(kafka, async (admin) => {
      await admin.alterTopicConfig(topic, { 'retention.ms': '-1' });
      const config = await admin.topicConfig(topic);
      expect([config['retention.ms'], config['max.message.bytes']]).toEqual(['-1', '2000000']);
    });
  });

  it('deletes records before an offset, and the start offsets move there', async () => {
    const topic = await freshTopic(kafka, 'contract.delete-records', 2);
    await produce(
      kafka,
      topic,
      [0, 1, 2, 3, 4, 5].map((i) => ({ key: `k${i % 2}`, value: String(i) })),
    );
    await withAdmin(kafka, async (admin) => {
      expect((await admin.startOffsets(topic)).map((p) => p.offset)).toEqual(['0', '0']);
      const end = await admin.endOffsets(topic);
      const cut = end.find((p) => p.offset !== '0')!;
      await admin.deleteRecordsBefore(topic, [{ partition: cut.partition, offset: '1' }]);
      const start = await admin.startOffsets(topic);
      expect(start.find((p) => p.partition === cut.partition)!.offset).toBe('1');
      expect(start.find((p) => p.partition !== cut.partition)!.offset).toBe('0');
    });
  });
});
