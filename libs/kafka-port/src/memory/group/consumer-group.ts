import { KafkaPortError } from '../../errors';
import type { GroupDescription, PartitionOffset, TopicPartitions } from '../../types';
import type { MemoryCluster } from '../cluster/memory-cluster';
import { roundRobin } from './round-robin';

/** What the group needs of a member: who it is, what it reads, and where to send its share. */
export interface GroupMember {
  readonly memberId: string;
  readonly clientId: string;
  readonly topics: string[];
  assign(assignment: TopicPartitions[]): void;
}

/**
 * A consumer group as the coordinator keeps it: its members, each given a share of the partitions
 * they read on every join and leave (eager, round-robin, as kafkajs), and its committed offsets.
 */
export class ConsumerGroup {
  private readonly joined = new Map<string, GroupMember>();
  private readonly committed = new Map<string, Map<number, string>>();

  constructor(
    readonly groupId: string,
    private readonly cluster: MemoryCluster,
  ) {}

  members(): GroupMember[] {
    return [...this.joined.values()];
  }

  join(member: GroupMember): void {
    this.joined.set(member.memberId, member);
    this.rebalance();
  }

  leave(memberId: string): void {
    if (this.joined.delete(memberId)) this.rebalance();
  }

  commit(topic: string, partition: number, offset: string): void {
    let partitions = this.committed.get(topic);
    if (!partitions) this.committed.set(topic, (partitions = new Map()));
    partitions.set(partition, offset);
  }

  /** The committed offset, or undefined when the group has none for the partition. */
  committedOffset(topic: string, partition: number): string | undefined {
    return this.committed.get(topic)?.get(partition);
  }

  /** Every partition of the topic, '-1' where nothing is committed (what OffsetFetch answers). */
  committedOffsets(topic: string, partitionCount: number): PartitionOffset[] {
    return Array.from({ length: partitionCount }, (_, partition) => ({ partition, offset: this.committedOffset(topic, partition) ?? '-1' }));
  }

  committedTopics(): string[] {
    return [...this.committed.entries()].filter(([, partitions]) => partitions.size > 0).map(([topic]) => topic);
  }

  setOffsets(topic: string, offsets: PartitionOffset[]): void {
    if (this.joined.size > 0) throw new KafkaPortError(`setting the offsets of group ${this.groupId}: the group has ${this.joined.size} active member(s); stop them first`, false);
    for (const { partition, offset } of offsets) this.commit(topic, partition, offset);
  }

  describe(): GroupDescription {
    const members = this.members().map((member) => ({ memberId: member.memberId, clientId: member.clientId, host: '/127.0.0.1' }));
    return { state: members.length > 0 ? 'Stable' : 'Empty', members };
  }

  private rebalance(): void {
    const members = this.members();
    const partitionsOf = (topic: string) => this.cluster.findTopic(topic)?.partitions.length ?? 0;
    const assignments = roundRobin(members, partitionsOf);
    for (const member of members) member.assign(assignments.get(member.memberId) ?? []);
  }
}
