import type { AdminPort } from '../../admin/admin-port';
import type { GroupDescription, PartitionOffset, TopicSpec } from '../../types';
import type { MemoryCluster } from '../cluster/memory-cluster';
import type { PartitionLog } from '../log/partition-log';
import { requireConnected, unsupported } from '../unsupported';

/** Admin calls on the in-memory cluster; broker-side configs and record deletion are left to a real broker. */
export class MemoryAdmin implements AdminPort {
  private connected = false;

  constructor(private readonly cluster: MemoryCluster) {}

  async connect(): Promise<void> {
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    this.connected = false;
  }

  async ensureTopics(specs: TopicSpec[]): Promise<string[]> {
    this.check('creating topics');
    return specs.filter((spec) => this.cluster.createTopic(spec)).map((spec) => spec.topic);
  }

  async deleteTopics(topics: string[]): Promise<void> {
    this.check('deleting topics');
    for (const topic of topics) this.cluster.deleteTopic(topic);
  }

  async listTopics(): Promise<string[]> {
    this.check('listing topics');
    return this.cluster.topicNames();
  }

  async partitionCounts(topics: string[]): Promise<Map<string, number>> {
    this.check('describing topics');
    return new Map(
      topics.flatMap((topic) => {
        const log = this.cluster.findTopic(topic);
        return log ? [[topic, log.partitions.length] as const] : [];
      }),
    );
  }

  async topicConfig(): Promise<Record<string, string>> {
    throw unsupported("topicConfig (a broker's effective topic config)");
  }

  async alterTopicConfig(): Promise<void> {
    throw unsupported('alterTopicConfig');
  }

  async describeCluster(): Promise<{ clusterId: string; brokers: number; controllerId: number | null }> {
    this.check('describing the cluster');
    return { clusterId: this.cluster.clusterId, brokers: this.cluster.brokers, controllerId: 0 };
  }

  async offsetsAtTimestamp(topic: string, timestampMs: number): Promise<PartitionOffset[]> {
    return this.perPartition(topic, `finding offsets by timestamp in ${topic}`, (log) => log.offsetAtTimestamp(timestampMs));
  }

  async endOffsets(topic: string): Promise<PartitionOffset[]> {
    return this.perPartition(topic, `reading the end offsets of ${topic}`, (log) => log.endOffset);
  }

  async startOffsets(topic: string): Promise<PartitionOffset[]> {
    return this.perPartition(topic, `reading the start offsets of ${topic}`, (log) => log.startOffset);
  }

  async deleteRecordsBefore(): Promise<void> {
    throw unsupported("deleteRecordsBefore (Kafka's DeleteRecords)");
  }

  async committedOffsets(groupId: string, topic: string): Promise<PartitionOffset[]> {
    this.check(`reading the offsets of group ${groupId}`);
    const partitions = this.cluster.findTopic(topic)?.partitions.length ?? 0;
    const group = this.cluster.findGroup(groupId);
    return group ? group.committedOffsets(topic, partitions) : Array.from({ length: partitions }, (_, partition) => ({ partition, offset: '-1' }));
  }

  async groupTopics(groupId: string): Promise<string[]> {
    this.check(`listing the topics of group ${groupId}`);
    return (this.cluster.findGroup(groupId)?.committedTopics() ?? []).sort();
  }

  async listGroups(): Promise<string[]> {
    this.check('listing consumer groups');
    return this.cluster.groupIds().sort();
  }

  async describeGroup(groupId: string): Promise<GroupDescription> {
    this.check(`describing group ${groupId}`);
    return this.cluster.findGroup(groupId)?.describe() ?? { state: 'Dead', members: [] };
  }

  async setGroupOffsets(groupId: string, topic: string, offsets: PartitionOffset[]): Promise<void> {
    this.check(`setting the offsets of group ${groupId}`);
    this.cluster.topic(topic, `setting the offsets of group ${groupId}`);
    this.cluster.group(groupId).setOffsets(topic, offsets);
  }

  async deleteGroups(groupIds: string[]): Promise<void> {
    this.check('deleting consumer groups');
    for (const groupId of groupIds) this.cluster.deleteGroup(groupId);
  }

  private check(operation: string): void {
    requireConnected(this.connected, 'admin client', operation);
  }

  private perPartition(topic: string, operation: string, offsetOf: (log: PartitionLog) => bigint): PartitionOffset[] {
    this.check(operation);
    return this.cluster.topic(topic, operation).partitions.map((log) => ({ partition: log.partition, offset: String(offsetOf(log)) }));
  }
}
