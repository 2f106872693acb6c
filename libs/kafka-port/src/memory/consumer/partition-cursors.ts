import type { TopicPartitionOffset, TopicPartitions } from '../../types';

/** Where a member reads one assigned partition next. `epoch` moves on each seek, so a batch in flight knows it was overtaken. */
export interface Cursor {
  readonly topic: string;
  readonly partition: number;
  position: bigint;
  epoch: number;
  /** A failed batch is handed over again from the same position once this time has passed. */
  retryAt: number;
}

const keyOf = (topic: string, partition: number) => `${topic}/${partition}`;

/**
 * A member's read positions. Pauses outlive rebalances (as kafkajs keeps them); a seek of a
 * partition not assigned yet waits for its assignment, as kafkajs does.
 */
export class PartitionCursors {
  private cursors = new Map<string, Cursor>();
  private readonly paused = new Set<string>();
  private readonly pendingSeeks = new Map<string, bigint>();

  /** Replaces the assignment; each partition starts at a pending seek, else at `start` (the group's commit or the reset policy). */
  assign(assignment: TopicPartitions[], start: (topic: string, partition: number) => bigint): void {
    const cursors = new Map<string, Cursor>();
    for (const { topic, partitions } of assignment) {
      for (const partition of partitions) {
        const key = keyOf(topic, partition);
        const position = this.pendingSeeks.get(key) ?? start(topic, partition);
        this.pendingSeeks.delete(key);
        cursors.set(key, { topic, partition, position, epoch: 0, retryAt: 0 });
      }
    }
    this.cursors = cursors;
  }

  clear(): void {
    this.cursors = new Map();
  }

  seek({ topic, partition, offset }: TopicPartitionOffset): void {
    const cursor = this.cursors.get(keyOf(topic, partition));
    if (!cursor) return void this.pendingSeeks.set(keyOf(topic, partition), BigInt(offset));
    cursor.position = BigInt(offset);
    cursor.epoch += 1;
    cursor.retryAt = 0;
  }

  pause(partitions: TopicPartitions[]): void {
    for (const key of keysOf(partitions)) this.paused.add(key);
  }

  resume(partitions: TopicPartitions[]): void {
    for (const key of keysOf(partitions)) this.paused.delete(key);
  }

  /** The cursor still stands for the partition: not reassigned and not moved by a seek since `epoch`. */
  isCurrent(cursor: Cursor, epoch: number): boolean {
    return this.cursors.get(keyOf(cursor.topic, cursor.partition)) === cursor && cursor.epoch === epoch;
  }

  /** Assigned, unpaused partitions, starting at a different one each call so none is starved. */
  fetchable(turn: number): Cursor[] {
    const open = [...this.cursors.entries()].filter(([key]) => !this.paused.has(key)).map(([, cursor]) => cursor);
    const start = open.length === 0 ? 0 : turn % open.length;
    return [...open.slice(start), ...open.slice(0, start)];
  }
}

export { keyOf as cursorKey };

function keysOf(partitions: TopicPartitions[]): string[] {
  return partitions.flatMap(({ topic, partitions: numbers }) => numbers.map((partition) => keyOf(topic, partition)));
}
