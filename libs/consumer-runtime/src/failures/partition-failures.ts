import type { FailureKind } from './classify';
import { partitionKey } from '../partition-key';

/** What a partition has failed with since its last success, from the offset it will resume at. */
export interface PartitionFailures {
  fromOffset: string;
  transient: number;
  permanent: number;
  /** When the first permanent failure happened: the retry budget counts from here. */
  firstPermanentAt?: number;
}

/** Failure counts per partition, kept across the re-reads of a failed batch and dropped once it succeeds. */
export class FailureLedger {
  private readonly byPartition = new Map<string, PartitionFailures>();

  /** The partition's record, if its current batch starts where the last failure left it. */
  current(topic: string, partition: number, firstOffset: string): PartitionFailures | undefined {
    const record = this.byPartition.get(partitionKey(topic, partition));
    return record && BigInt(record.fromOffset) >= BigInt(firstOffset) ? record : undefined;
  }

  record(topic: string, partition: number, fromOffset: string, kind: FailureKind, now = Date.now()): PartitionFailures {
    const previous = this.current(topic, partition, fromOffset);
    const record: PartitionFailures = previous ? { ...previous, fromOffset } : { fromOffset, transient: 0, permanent: 0 };
    if (kind === 'transient') record.transient += 1;
    else {
      record.permanent += 1;
      record.firstPermanentAt ??= now;
    }
    this.byPartition.set(partitionKey(topic, partition), record);
    return record;
  }

  clear(topic: string, partition: number): void {
    this.byPartition.delete(partitionKey(topic, partition));
  }
}
