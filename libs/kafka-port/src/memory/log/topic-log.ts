import type { TopicSpec } from '../../types';
import { PartitionLog } from './partition-log';

export class TopicLog {
  readonly partitions: PartitionLog[];

  constructor(readonly spec: TopicSpec) {
    this.partitions = Array.from({ length: spec.partitions }, (_, partition) => new PartitionLog(spec.topic, partition));
  }

  get name(): string {
    return this.spec.topic;
  }

  partition(partition: number): PartitionLog {
    const log = this.partitions[partition];
    if (!log) throw new Error(`topic ${this.name} has no partition ${partition} (it has ${this.partitions.length})`);
    return log;
  }
}
