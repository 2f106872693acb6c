import type { ConsumerPort, IncomingBatch, TopicPartitions } from '@eventline/kafka-port';
import { partitionKey } from './partition-key';

/**
 * Partitions paused for a retry: each is rewound to the failed offset and resumed once its
 * backoff has passed, while every other partition keeps flowing.
 */
export class PartitionRetries {
  private readonly pending = new Map<string, { fromOffset: string; timer: NodeJS.Timeout }>();

  constructor(private readonly consumer: ConsumerPort) {}

  /** Pauses the partition, rewinds it to `fromOffset`, and resumes it after `delayMs`. */
  schedule(topic: string, partition: number, fromOffset: string, delayMs: number): void {
    this.consumer.pause([{ topic, partitions: [partition] }]);
    this.consumer.seek({ topic, partition, offset: fromOffset });
    const key = partitionKey(topic, partition);
    clearTimeout(this.pending.get(key)?.timer);
    const timer = setTimeout(() => this.resumeQuietly([{ topic, partitions: [partition] }]), delayMs);
    // The process may exit before a retry is due: the next owner re-reads the partition anyway.
    timer.unref();
    this.pending.set(key, { fromOffset, timer });
  }

  /**
   * A partition waiting for a retry is re-read from the failed offset. A batch fetched before the
   * seek took effect starts later than that: processing it would skip the failed events.
   */
  isStale(batch: IncomingBatch): boolean {
    const key = partitionKey(batch.topic, batch.partition);
    const entry = this.pending.get(key);
    if (!entry) return false;
    if (BigInt(batch.messages[0].offset) <= BigInt(entry.fromOffset)) {
      clearTimeout(entry.timer);
      this.pending.delete(key);
      return false;
    }
    this.consumer.seek({ topic: batch.topic, partition: batch.partition, offset: entry.fromOffset });
    return true;
  }

  /**
   * Forgets the retries of partitions a rebalance took away. kafkajs keeps a partition paused
   * across rebalances: one revoked while it waited, and assigned again later, would never be
   * fetched. So every assigned partition without a retry pending is resumed.
   */
  assigned(assignment: TopicPartitions[]): void {
    const kept = new Set(assignment.flatMap(({ topic, partitions }) => partitions.map((p) => partitionKey(topic, p))));
    for (const [key, { timer }] of this.pending) {
      if (kept.has(key)) continue;
      clearTimeout(timer);
      this.pending.delete(key);
    }
    for (const { topic, partitions } of assignment) {
      const idle = partitions.filter((p) => !this.pending.has(partitionKey(topic, p)));
      if (idle.length > 0) this.resumeQuietly([{ topic, partitions: idle }]);
    }
  }

  clear(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  /** Resuming after stop() throws in kafkajs; by then there is nothing left to resume. */
  private resumeQuietly(partitions: TopicPartitions[]): void {
    try {
      this.consumer.resume(partitions);
    } catch {
      // stopping
    }
  }
}
