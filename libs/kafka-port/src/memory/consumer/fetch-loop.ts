import type { BatchHandler } from '../../consumer/consumer-port';
import type { IncomingBatch } from '../../types';
import type { MemoryCluster } from '../cluster/memory-cluster';
import { cursorKey, type Cursor, type PartitionCursors } from './partition-cursors';

export interface FetchLoopSettings {
  partitionsConcurrently: number;
  autoCommit: boolean;
  maxBatchMessages: number;
  /** How long a partition whose batch failed waits before the same batch is handed over again. */
  failedBatchDelayMs: number;
}

/**
 * Hands each partition's unread records to the handler as one batch, up to
 * `partitionsConcurrently` partitions at a time and one batch per partition, woken by appends,
 * seeks, resumes and assignments instead of polling. A batch's position only counts if no seek or
 * rebalance moved its partition meanwhile; a batch whose handler fails is handed over again, as
 * kafkajs re-reads after a failed eachBatch.
 */
export class FetchLoop {
  private running = false;
  private turn = 0;
  private readonly inFlight = new Map<string, Promise<void>>();
  private retryTimer: { at: number; timer: NodeJS.Timeout } | undefined;

  constructor(
    private readonly cluster: MemoryCluster,
    private readonly cursors: PartitionCursors,
    private readonly settings: FetchLoopSettings,
    private readonly handler: BatchHandler,
    private readonly commit: (topic: string, partition: number, offset: string) => void,
  ) {}

  start(): void {
    this.running = true;
    this.wake();
  }

  /** Starts a batch on every partition that has records and a free slot. */
  wake(): void {
    if (!this.running) return;
    const now = Date.now();
    for (const cursor of this.cursors.fetchable(this.turn++)) {
      if (this.inFlight.size >= this.settings.partitionsConcurrently) return;
      const key = cursorKey(cursor.topic, cursor.partition);
      if (this.inFlight.has(key)) continue;
      if (cursor.retryAt > now) {
        this.wakeAt(cursor.retryAt);
        continue;
      }
      const log = this.cluster.findTopic(cursor.topic)?.partitions[cursor.partition];
      if (!log || cursor.position >= log.endOffset) continue;
      const batch = log.read(cursor.position, this.settings.maxBatchMessages);
      const delivery = this.deliver(cursor, { topic: cursor.topic, partition: cursor.partition, messages: batch, highWatermark: String(log.endOffset), heartbeat: async () => undefined });
      this.inFlight.set(key, delivery);
      void delivery.finally(() => {
        this.inFlight.delete(key);
        this.wake();
      });
    }
  }

  /** Lets the batches in hand finish; no new one starts. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retryTimer?.timer);
    await Promise.all(this.inFlight.values());
  }

  private async deliver(cursor: Cursor, batch: IncomingBatch): Promise<void> {
    const epoch = cursor.epoch;
    // Never inside the producer's send or the caller's seek: a handler runs on its own turn, as over a network.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      await this.handler(batch);
    } catch {
      if (this.cursors.isCurrent(cursor, epoch)) cursor.retryAt = Date.now() + this.settings.failedBatchDelayMs;
      return;
    }
    if (!this.cursors.isCurrent(cursor, epoch)) return;
    cursor.position = BigInt(batch.messages[batch.messages.length - 1].offset) + 1n;
    if (this.settings.autoCommit) this.commit(cursor.topic, cursor.partition, String(cursor.position));
  }

  /** One timer, for the earliest retry due: each wake() sets it again for the next one. */
  private wakeAt(time: number): void {
    if (this.retryTimer && this.retryTimer.at <= time) return;
    clearTimeout(this.retryTimer?.timer);
    const timer = setTimeout(
      () => {
        this.retryTimer = undefined;
        this.wake();
      },
      Math.max(0, time - Date.now()),
    );
    this.retryTimer = { at: time, timer };
  }
}
