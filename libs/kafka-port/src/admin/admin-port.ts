import type { GroupDescription, PartitionOffset, TopicSpec } from '../types';

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
  /** Sets these topic-level settings; the topic's other settings stay as they are. */
  alterTopicConfig(topic: string, settings: Record<string, string>): Promise<void>;
  describeCluster(): Promise<{ clusterId: string; brokers: number; controllerId: number | null }>;
  /** First offset per partition whose timestamp is at or after `timestampMs` (the end offset when none is). */
  offsetsAtTimestamp(topic: string, timestampMs: number): Promise<PartitionOffset[]>;
  /** The end offset (next offset to be written) per partition. */
  endOffsets(topic: string): Promise<PartitionOffset[]>;
  /** The first offset each partition still holds (after retention or deleted records). */
  startOffsets(topic: string): Promise<PartitionOffset[]>;
  /** Deletes every record before the given offset of each partition (Kafka's DeleteRecords). */
  deleteRecordsBefore(topic: string, offsets: PartitionOffset[]): Promise<void>;
  committedOffsets(groupId: string, topic: string): Promise<PartitionOffset[]>;
  /** The topics the group has a committed offset for (on any partition), sorted; none for an unknown group. */
  groupTopics(groupId: string): Promise<string[]>;
  /** Every consumer group the broker knows, sorted. */
  listGroups(): Promise<string[]>;
  /** The group's state and members (none for a group that does not exist). */
  describeGroup(groupId: string): Promise<GroupDescription>;
  /** Commits these offsets for the group; the broker refuses while the group has members. */
  setGroupOffsets(groupId: string, topic: string, offsets: PartitionOffset[]): Promise<void>;
  /** Deletes consumer groups that have no members; a group that does not exist is not an error. */
  deleteGroups(groupIds: string[]): Promise<void>;
}
