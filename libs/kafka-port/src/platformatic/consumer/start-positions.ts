import { ListOffsetTimestamps, type Consumer } from '@platformatic/kafka';
import type { AssignedPartition, PartitionState } from './partition-state';

/**
 * Where newly assigned partitions start: the group's committed offset, else (none committed, or
 * the committed one is out of range) the earliest or latest offset, as `fromBeginning` says. A
 * seek made while this runs wins: positions are only filled where none is set, in the same epoch.
 */
export async function startPositions(consumer: Consumer, state: PartitionState, fromBeginning: boolean): Promise<void> {
  const { committed, outOfRange } = state.withoutPosition();
  if (committed.length === 0 && outOfRange.length === 0) return;
  const epoch = state.epoch;
  const reset: AssignedPartition[] = [...outOfRange];
  if (committed.length > 0) {
    const offsets = await consumer.listCommittedOffsets({ topics: byTopic(committed).map(([topic, partitions]) => ({ topic, partitions: partitions.map((p) => p.partition) })) });
    for (const p of committed) {
      const offset = offsets.get(p.topic)?.[p.partition];
      if (offset !== undefined && offset >= 0n) state.setIfUnknown(p.key, offset, epoch);
      else reset.push(p);
    }
  }
  if (reset.length === 0) return;
  const timestamp = fromBeginning ? ListOffsetTimestamps.EARLIEST : ListOffsetTimestamps.LATEST;
  const grouped = byTopic(reset);
  const offsets = await consumer.listOffsets({
    topics: grouped.map(([topic]) => topic),
    partitions: Object.fromEntries(grouped.map(([topic, partitions]) => [topic, partitions.map((p) => p.partition)])),
    timestamp,
  });
  for (const p of reset) {
    const offset = offsets.get(p.topic)?.[p.partition];
    if (offset !== undefined && offset >= 0n) state.setIfUnknown(p.key, offset, epoch);
  }
}

function byTopic(partitions: AssignedPartition[]): [string, AssignedPartition[]][] {
  const grouped = new Map<string, AssignedPartition[]>();
  for (const p of partitions) grouped.set(p.topic, [...(grouped.get(p.topic) ?? []), p]);
  return [...grouped];
}
