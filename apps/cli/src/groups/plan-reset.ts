import type { AdminPort, PartitionOffset } from '@eventline/kafka-port';
import type { OffsetStorage, PartitionReset } from './group-reset';
import type { StoredOffset } from './stored-offsets';

/** Every partition of `topic`: the group's current offset, the offset at `at`, and the end offset. */
export async function planTopic(admin: AdminPort, group: string, topic: string, at: Date, storage: OffsetStorage, stored: StoredOffset[]): Promise<PartitionReset[]> {
  const [targets, ends, current] = await Promise.all([
    admin.offsetsAtTimestamp(topic, at.getTime()),
    admin.endOffsets(topic),
    storage === 'postgresql' ? storedOf(stored, topic) : committedOf(admin, group, topic),
  ]);
  const targetOf = byPartition(targets);
  return ends.map(({ partition, offset: end }) => ({ topic, partition, current: current.get(partition) ?? null, target: targetOf.get(partition) ?? end, end }));
}

function storedOf(stored: StoredOffset[], topic: string): Map<number, string> {
  return new Map(stored.filter((s) => s.topic === topic).map((s) => [s.partition, s.nextOffset]));
}

/** Kafka answers -1 for a partition the group never committed: no position. */
async function committedOf(admin: AdminPort, group: string, topic: string): Promise<Map<number, string>> {
  return byPartition((await admin.committedOffsets(group, topic)).filter((p) => p.offset !== '-1'));
}

const byPartition = (offsets: PartitionOffset[]) => new Map(offsets.map((p) => [p.partition, p.offset]));
