import type { PartitionOffset, TopicSpec } from '../types';

export interface AdminPort {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Creates the topics that do not exist yet; existing ones are left as they are. */
  ensureTopics(specs: TopicSpec[]): Promise<string[]>;
  /** Deletes the topics and resolves once the broker has accepted the deletion (it completes asynchronously). */
  deleteTopics(topics: string[]): Promise<void>;
  listTopics(): Promise<string[]>;
  /** The partition count of each topic that exists; topics that do not are left out. */
  partitionCounts(topics: string[]): Promise<Map<string, number>>;
  /** The topic's effective configuration (its own settings over the broker's defaults), e.g. min.insync.replicas. */
  topicConfig(topic: string): Promise<Record<string, string>>;
  describeCluster(): Promise<{ clusterId: string; brokers: number; controllerId: number | null }>;
  /** First offset per partition whose timestamp is at or after `timestampMs` (the end offset when none is). */
  offsetsAtTimestamp(topic: string, timestampMs: number): Promise<PartitionOffset[]>;
  /** The end offset (next offset to be written) per partition. */
  endOffsets(topic: string): Promise<PartitionOffset[]>;
  committedOffsets(groupId: string, topic: string): Promise<PartitionOffset[]>;
  /** Deletes consumer groups that have no members; a group that does not exist is not an error. */
  deleteGroups(groupIds: string[]): Promise<void>;
}
