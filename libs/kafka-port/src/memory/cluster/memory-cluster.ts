import { randomUUID } from 'node:crypto';
import { KafkaPortError } from '../../errors';
import type { TopicSpec } from '../../types';
import { ConsumerGroup } from '../group/consumer-group';
import { TopicLog } from '../log/topic-log';

/** The in-memory broker shared by every admin, producer and consumer of one MemoryKafka: one broker, no replication. */
export class MemoryCluster {
  readonly clusterId = randomUUID();
  readonly brokers = 1;
  private readonly topics = new Map<string, TopicLog>();
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly appendListeners = new Set<() => void>();

  createTopic(spec: TopicSpec): boolean {
    if (this.topics.has(spec.topic)) return false;
    if (!Number.isInteger(spec.partitions) || spec.partitions < 1)
      throw new KafkaPortError(`creating topics: ${spec.topic} needs a positive whole number of partitions, got ${spec.partitions}`, false);
    if (spec.replicationFactor > this.brokers) {
      throw new KafkaPortError(`creating topics: ${spec.topic} asks for replication factor ${spec.replicationFactor}, more than the ${this.brokers} broker the in-memory cluster has`, false);
    }
    this.topics.set(spec.topic, new TopicLog(spec));
    return true;
  }

  deleteTopic(topic: string): void {
    if (!this.topics.delete(topic)) throw new KafkaPortError(`deleting topics: ${topic} does not exist`, false);
  }

  topicNames(): string[] {
    return [...this.topics.keys()];
  }

  findTopic(topic: string): TopicLog | undefined {
    return this.topics.get(topic);
  }

  /** The topic, or the error a client gets for one the broker does not host. */
  topic(topic: string, operation: string): TopicLog {
    const log = this.topics.get(topic);
    if (!log) throw new KafkaPortError(`${operation}: topic ${topic} does not exist (create it with ensureTopics)`, false);
    return log;
  }

  /** The group, created on first use as a broker does when a member joins or commits. */
  group(groupId: string): ConsumerGroup {
    let group = this.groups.get(groupId);
    if (!group) this.groups.set(groupId, (group = new ConsumerGroup(groupId, this)));
    return group;
  }

  findGroup(groupId: string): ConsumerGroup | undefined {
    return this.groups.get(groupId);
  }

  deleteGroup(groupId: string): void {
    const group = this.groups.get(groupId);
    if (!group) return;
    if (group.members().length > 0) throw new KafkaPortError(`deleting consumer groups: group ${groupId} still has members`, false);
    this.groups.delete(groupId);
  }

  groupIds(): string[] {
    return [...this.groups.keys()];
  }

  /** Tells every consumer that records arrived, so idle members fetch again without polling. */
  onAppend(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  appended(): void {
    for (const listener of this.appendListeners) listener();
  }
}
