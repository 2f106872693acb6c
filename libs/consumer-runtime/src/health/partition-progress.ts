import type { TopicPartitions } from '@eventline/kafka-port';
import { partitionKey } from '../partition-key';

export interface PartitionState {
  topic: string;
  partition: number;
  /** Messages behind the partition's end when it was last fetched. */
  lag: number;
  lastProgressAt: number;
  /** The failure it is waiting to retry, while it waits. */
  waitingOn?: string;
}

export interface StalledPartition {
  topic: string;
  partition: number;
  lag: number;
  secondsSinceProgress: number;
  waitingOn?: string;
}

/**
 * When each assigned partition last moved. A partition with something to do (lag, or a retry
 * pending) that has not moved for longer than the threshold is stalled: readiness and /metrics
 * show it, so an outage may pause a consumer but never silently.
 */
export class PartitionProgress {
  private readonly partitions = new Map<string, PartitionState>();

  constructor(private readonly now: () => number = Date.now) {}

  assigned(assignment: TopicPartitions[]): void {
    const current = new Set(assignment.flatMap(({ topic, partitions }) => partitions.map((p) => partitionKey(topic, p))));
    for (const name of this.partitions.keys()) if (!current.has(name)) this.partitions.delete(name);
    for (const { topic, partitions } of assignment) {
      for (const partition of partitions) {
        if (!this.partitions.has(partitionKey(topic, partition))) this.partitions.set(partitionKey(topic, partition), { topic, partition, lag: 0, lastProgressAt: this.now() });
      }
    }
  }

  advanced(topic: string, partition: number, lag: number): void {
    this.partitions.set(partitionKey(topic, partition), { topic, partition, lag, lastProgressAt: this.now() });
  }

  waiting(topic: string, partition: number, failure: string): void {
    const state = this.partitions.get(partitionKey(topic, partition)) ?? { topic, partition, lag: 0, lastProgressAt: this.now() };
    this.partitions.set(partitionKey(topic, partition), { ...state, waitingOn: failure });
  }

  all(): PartitionState[] {
    return [...this.partitions.values()];
  }

  secondsSinceProgress(state: PartitionState): number {
    return (this.now() - state.lastProgressAt) / 1000;
  }

  stalled(thresholdSeconds: number): StalledPartition[] {
    return this.all()
      .filter((state) => (state.lag > 0 || state.waitingOn !== undefined) && this.secondsSinceProgress(state) > thresholdSeconds)
      .map((state) => ({ topic: state.topic, partition: state.partition, lag: state.lag, secondsSinceProgress: Math.round(this.secondsSinceProgress(state)), waitingOn: state.waitingOn }));
  }
}
