import type { TopicPartitions } from '../../types';
import { partitionKey } from './partition-key';

export interface AssignedPartition {
  topic: string;
  partition: number;
  key: string;
}

/**
 * What the fetch loop knows of each partition: whether this member owns it, where it reads next,
 * and whether it is paused. Every (re)assignment starts a new epoch and forgets every position,
 * as kafkajs does, so a partition is read again from the group's committed offset (or from where
 * a seek puts it); a fetch sent in an older epoch is thrown away.
 */
export class PartitionState {
  epoch = 0;
  private assigned: AssignedPartition[] = [];
  private readonly positions = new Map<string, bigint>();
  private readonly paused = new Set<string>();
  /** Partitions whose committed offset was out of range: they restart at the earliest or latest offset. */
  private readonly outOfRange = new Set<string>();

  assign(assignment: TopicPartitions[]): void {
    this.epoch++;
    this.positions.clear();
    this.outOfRange.clear();
    this.assigned = assignment.flatMap(({ topic, partitions }) => partitions.map((partition) => ({ topic, partition, key: partitionKey(topic, partition) })));
  }

  revokeAll(): void {
    this.assign([]);
  }

  seek(topic: string, partition: number, offset: bigint): void {
    const key = partitionKey(topic, partition);
    this.positions.set(key, offset);
    this.outOfRange.delete(key);
  }

  /** Moves a partition on after a fetched batch was handed out, unless something moved it since the fetch. */
  advance(key: string, from: bigint, to: bigint): boolean {
    if (this.positions.get(key) !== from) return false;
    this.positions.set(key, to);
    return true;
  }

  position(key: string): bigint | undefined {
    return this.positions.get(key);
  }

  setIfUnknown(key: string, offset: bigint, epoch: number): void {
    if (epoch === this.epoch && !this.positions.has(key)) this.positions.set(key, offset);
  }

  markOutOfRange(key: string): void {
    this.positions.delete(key);
    this.outOfRange.add(key);
  }

  pause(topic: string, partitions: number[]): void {
    for (const partition of partitions) this.paused.add(partitionKey(topic, partition));
  }

  resume(topic: string, partitions: number[]): void {
    for (const partition of partitions) this.paused.delete(partitionKey(topic, partition));
  }

  isPaused(key: string): boolean {
    return this.paused.has(key);
  }

  /** Owned partitions that have no position yet; `outOfRange` ones need the reset policy, the others their committed offset. */
  withoutPosition(): { committed: AssignedPartition[]; outOfRange: AssignedPartition[] } {
    const missing = this.assigned.filter((p) => !this.positions.has(p.key));
    return { committed: missing.filter((p) => !this.outOfRange.has(p.key)), outOfRange: missing.filter((p) => this.outOfRange.has(p.key)) };
  }

  /** Owned, not paused, with a position: what the next fetch asks for. */
  fetchable(): (AssignedPartition & { offset: bigint })[] {
    return this.assigned.flatMap((p) => {
      const offset = this.positions.get(p.key);
      return offset === undefined || this.paused.has(p.key) ? [] : [{ ...p, offset }];
    });
  }

  owns(key: string): boolean {
    return this.assigned.some((p) => p.key === key);
  }
}
