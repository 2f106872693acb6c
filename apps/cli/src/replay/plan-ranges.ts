import type { AdminPort } from '@eventline/kafka-port';
import type { PartitionRange } from '../ranges/partition-range';

/** A partition that no longer holds the start of the window: records before `heldFrom` are gone (all of them when it equals `end`). */
export interface MissingHistory {
  topic: string;
  partition: number;
  heldFrom: bigint;
  end: bigint;
}

export interface PlannedRanges {
  ranges: PartitionRange[];
  missing: MissingHistory[];
}

/**
 * Where to read each partition so that no event of the window can be missed: from the first
 * record stamped at or after `scanFromMs` to the end offset as it is now. Kafka stamps a record
 * when it is published, and the edge refuses an occurred_at more than its max-ahead past the
 * publish time, so an event of the window was published at or after `from - maxAhead`
 * (`scanFromMs`). Late events (occurred_at long before their publish) come later in the log and
 * are read because the read goes to the end, not to `to`. A partition whose first held record is
 * where the scan would start, after records were deleted (retention or delete-records), may have
 * lost part of the window: it is reported, never silently skipped.
 */
export async function planRanges(admin: AdminPort, topics: string[], scanFromMs: number): Promise<PlannedRanges> {
  const ranges: PartitionRange[] = [];
  const missing: MissingHistory[] = [];
  for (const topic of topics) {
    const [starts, ends, held] = await Promise.all([admin.offsetsAtTimestamp(topic, scanFromMs), admin.endOffsets(topic), admin.startOffsets(topic)]);
    for (const { partition, offset } of ends) {
      const heldFrom = BigInt(held.find((p) => p.partition === partition)?.offset ?? '0');
      const start = BigInt(starts.find((p) => p.partition === partition)?.offset ?? offset);
      if (heldFrom > 0n && start <= heldFrom) missing.push({ topic, partition, heldFrom, end: BigInt(offset) });
      ranges.push({ topic, partition, start: start < heldFrom ? heldFrom : start, end: BigInt(offset) });
    }
  }
  return { ranges, missing };
}
