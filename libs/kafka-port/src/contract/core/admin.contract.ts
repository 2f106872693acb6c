import { eventually, uniqueName } from '@eventline/test-harness';
import type { KafkaPort } from '../../kafka-port';
import { freshTopic, produce, withAdmin } from '../fixture';

/** Admin calls: topics, offsets (end, by timestamp, a group's), groups and the cluster. */
export function adminContract(kafka: KafkaPort): void {
  it('creates topics once, leaves existing ones alone, and deletes them', async () => {
    const topic = uniqueName('contract.create');
    await withAdmin(kafka, async (admin) => {
      expect(await admin.ensureTopics([{ topic, partitions: 3, replicationFactor: 1 }])).toEqual([topic]);
      expect(await admin.ensureTopics([{ topic, partitions: 3, replicationFactor: 1 }])).toEqual([]);
      expect(await admin.listTopics()).toContain(topic);
      expect(await admin.partitionCounts([topic, uniqueName('contract.absent')])).toEqual(new Map([[topic, 3]]));
      expect((await admin.endOffsets(topic)).map((p) => p.partition)).toEqual([0, 1, 2]);
      await admin.deleteTopics([topic]);
      expect(await admin.listTopics()).not.toContain(topic);
    });
  });

  it("describes a group's members, and sets the offsets of a group that has none", async () => {
    const topic = await freshTopic(kafka, 'contract.group-offsets', 1);
    const groupId = uniqueName('contract-set-offsets');
    await produce(
      kafka,
      topic,
      [0, 1, 2].map((i) => ({ key: 'k', value: String(i) })),
    );
    const consumer = kafka.consumer({ groupId, fromBeginning: true, autoCommit: false });
    await consumer.connect();
    await consumer.subscribe([topic]);
    await consumer.run(async () => undefined);
    await withAdmin(kafka, async (admin) => {
      const active = await eventually(
        'the member in the group',
        async () => {
          const group = await admin.describeGroup(groupId);
          return group.members.length === 1 ? group : undefined;
        },
        30_000,
      );
      expect(active.state).toBe('Stable');
      expect(active.members[0].clientId).toMatch(/kafka-port-contract/);
      await consumer.disconnect();
      expect(await admin.describeGroup(groupId)).toEqual({ state: 'Empty', members: [] });
      await admin.setGroupOffsets(groupId, topic, [{ partition: 0, offset: '2' }]);
      expect(await admin.committedOffsets(groupId, topic)).toEqual([{ partition: 0, offset: '2' }]);
      expect((await admin.describeGroup(uniqueName('contract-no-group'))).members).toEqual([]);
    });
  });

  it('lists the topics a group has committed offsets for, none for an unknown group, and the group among all groups until deleted', async () => {
    const [first, second, untouched] = await Promise.all(['contract.group-a', 'contract.group-b', 'contract.group-c'].map((prefix) => freshTopic(kafka, prefix, 2)));
    const groupId = uniqueName('contract-group-topics');
    await withAdmin(kafka, async (admin) => {
      await admin.setGroupOffsets(groupId, second, [{ partition: 1, offset: '0' }]);
      await admin.setGroupOffsets(groupId, first, [{ partition: 0, offset: '0' }]);
      expect(await admin.groupTopics(groupId)).toEqual([first, second].sort());
      expect(await admin.groupTopics(uniqueName('contract-no-group'))).toEqual([]);
      const groups = await admin.listGroups();
      expect(groups).toContain(groupId);
      expect(groups).toEqual([...groups].sort());
      await admin.deleteGroups([groupId]);
      expect(await admin.listGroups()).not.toContain(groupId);
      await admin.deleteTopics([first, second, untouched]);
    });
  });

  it('describes the cluster: its id and its one broker', async () => {
    const cluster = await withAdmin(kafka, (admin) => admin.describeCluster());
    expect(cluster.clusterId).toMatch(/^[\w-]{10,}$/);
    expect(cluster.brokers).toBe(1);
  });

  it('finds offsets by timestamp and the end offsets', async () => {
    const topic = await freshTopic(kafka, 'contract.time', 1);
    const base = Date.now() - 60_000;
    await produce(
      kafka,
      topic,
      [0, 1, 2, 3].map((i) => ({ key: 'k', value: String(i), timestamp: base + i * 1_000 })),
    );
    await withAdmin(kafka, async (admin) => {
      expect(await admin.offsetsAtTimestamp(topic, base + 2_000)).toEqual([{ partition: 0, offset: '2' }]);
      expect(await admin.offsetsAtTimestamp(topic, base - 1)).toEqual([{ partition: 0, offset: '0' }]);
      // After the last record: the end offset, where a replay from "now" would start.
      expect(await admin.offsetsAtTimestamp(topic, Date.now() + 60_000)).toEqual([{ partition: 0, offset: '4' }]);
      expect(await admin.endOffsets(topic)).toEqual([{ partition: 0, offset: '4' }]);
    });
  });

  it('deletes consumer groups, skipping ones that do not exist', async () => {
    const topic = await freshTopic(kafka, 'contract.groups', 1);
    const groupId = uniqueName('contract-delete-group');
    await produce(kafka, topic, [{ key: 'k', value: 'v' }]);
    const consumer = kafka.consumer({ groupId, fromBeginning: true, autoCommit: false });
    await consumer.connect();
    await consumer.subscribe([topic]);
    await consumer.run(async () => undefined);
    await consumer.commitOffsets([{ topic, partition: 0, offset: '1' }]);
    await consumer.disconnect();
    await withAdmin(kafka, async (admin) => {
      expect(await admin.committedOffsets(groupId, topic)).toEqual([{ partition: 0, offset: '1' }]);
      await admin.deleteGroups([groupId, uniqueName('contract-no-such-group')]);
      expect(await admin.committedOffsets(groupId, topic)).toEqual([{ partition: 0, offset: '-1' }]);
    });
  });

  it('reports a refused request as a non-retriable KafkaPortError', async () => {
    const error = await withAdmin(kafka, (admin) => admin.ensureTopics([{ topic: uniqueName('contract.bad'), partitions: 1, replicationFactor: 5 }])).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'KafkaPortError', retriable: false });
    expect((error as Error).message).toMatch(/^creating topics: /);
  });
}
