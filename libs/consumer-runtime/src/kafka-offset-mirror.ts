import type { ConsumerPort, TopicPartitionOffset, TopicPartitions } from '@eventline/kafka-port';
import { partitionKey } from './partition-key';

/**
 * Kafka's copy of a group's position, for lag tools and shorter re-reads after a restart. When the
 * position's truth lives in PostgreSQL (stored offsets), it need not be sent per batch: the latest
 * offset of each partition goes at most once per interval, all partitions in one request, so a
 * batch does not wait on a broker round trip that changes nothing it relies on.
 */
export class KafkaOffsetMirror {
  private readonly pending = new Map<string, TopicPartitionOffset>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly consumer: ConsumerPort,
    private readonly intervalMs: number,
  ) {}

  note(offset: TopicPartitionOffset): void {
    this.pending.set(partitionKey(offset.topic, offset.partition), offset);
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Forgets partitions this member no longer holds: their new owner mirrors them now. */
  retain(assignment: TopicPartitions[]): void {
    const held = new Set(assignment.flatMap(({ topic, partitions }) => partitions.map((partition) => partitionKey(topic, partition))));
    for (const key of this.pending.keys()) if (!held.has(key)) this.pending.delete(key);
  }

  /** Sends what is pending; a failure is not retried, as the next flush carries newer offsets anyway. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    await this.consumer.commitOffsets(offsets).catch(() => undefined);
  }
}
