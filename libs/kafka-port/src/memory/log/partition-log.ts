import type { IncomingMessage } from '../../types';

/** One partition's records, in offset order; offsets are positions in the array (records are never deleted). */
export class PartitionLog {
  private readonly records: IncomingMessage[] = [];

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}

  /** Appends and returns the new record's offset. */
  append(record: Omit<IncomingMessage, 'topic' | 'partition' | 'offset'>): bigint {
    const offset = BigInt(this.records.length);
    this.records.push({ ...record, topic: this.topic, partition: this.partition, offset: String(offset) });
    return offset;
  }

  get endOffset(): bigint {
    return BigInt(this.records.length);
  }

  readonly startOffset = 0n;

  /** Up to `max` records from `from` on; copies, so a handler cannot change the log. */
  read(from: bigint, max: number): IncomingMessage[] {
    return this.records.slice(Number(from), Number(from) + max).map((record) => ({ ...record, headers: { ...record.headers } }));
  }

  /** The first offset whose timestamp is at or after `timestampMs`; the end offset when none is. */
  offsetAtTimestamp(timestampMs: number): bigint {
    const index = this.records.findIndex((record) => record.timestamp >= timestampMs);
    return index === -1 ? this.endOffset : BigInt(index);
  }
}
