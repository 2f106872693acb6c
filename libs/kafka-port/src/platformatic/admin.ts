import { Admin, ConfigResourceTypes, IncrementalAlterConfigOperationTypes, ListOffsetTimestamps, type BaseOptions } from '@platformatic/kafka';
import type { AdminPort } from '../admin/admin-port';
import type { GroupDescription, PartitionOffset, TopicSpec } from '../types';
import { asPortError } from './port-errors';
import { waitForLeaders } from './wait-for-leaders';

const byPartition = (a: PartitionOffset, b: PartitionOffset) => a.partition - b.partition;

export class PlatformaticAdmin implements AdminPort {
  private readonly admin: Admin;

  constructor(options: BaseOptions) {
    this.admin = new Admin(options);
  }

  connect(): Promise<void> {
    return asPortError('connecting the admin client', async () => void (await this.admin.metadata({ topics: [] })));
  }

  disconnect(): Promise<void> {
    return this.admin.close();
  }

  ensureTopics(specs: TopicSpec[]): Promise<string[]> {
    return asPortError('creating topics', async () => {
      const existing = new Set(await this.admin.listTopics());
      const missing = specs.filter((spec) => !existing.has(spec.topic));
      const created: string[] = [];
      // One request per topic: the client's configs apply to every topic of a request.
      for (const spec of missing) {
        if (await this.createTopic(spec)) created.push(spec.topic);
      }
      if (created.length > 0) await waitForLeaders(this.admin, created);
      return created;
    });
  }

  deleteTopics(topics: string[]): Promise<void> {
    return asPortError('deleting topics', () => this.admin.deleteTopics({ topics }));
  }

  listTopics(): Promise<string[]> {
    return asPortError('listing topics', () => this.admin.listTopics());
  }

  partitionCounts(topics: string[]): Promise<Map<string, number>> {
    return asPortError('describing topics', async () => {
      const existing = new Set(await this.admin.listTopics());
      const wanted = topics.filter((topic) => existing.has(topic));
      if (wanted.length === 0) return new Map<string, number>();
      const metadata = await this.admin.metadata({ topics: wanted, forceUpdate: true });
      return new Map(
        wanted.flatMap((topic) => {
          const described = metadata.topics.get(topic);
          return described ? [[topic, described.partitionsCount] as const] : [];
        }),
      );
    });
  }

  topicConfig(topic: string): Promise<Record<string, string>> {
    return asPortError(`describing the config of ${topic}`, async () => {
      const [resource] = await this.admin.describeConfigs({ resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic }], includeSynonyms: false });
      return Object.fromEntries((resource?.configs ?? []).map((entry) => [entry.name, entry.value ?? '']));
    });
  }

  alterTopicConfig(topic: string, settings: Record<string, string>): Promise<void> {
    return asPortError(`altering the config of ${topic}`, () =>
      this.admin.incrementalAlterConfigs({
        resources: [
          {
            resourceType: ConfigResourceTypes.TOPIC,
            resourceName: topic,
            configs: Object.entries(settings).map(([name, value]) => ({ name, value, configOperation: IncrementalAlterConfigOperationTypes.SET })),
          },
        ],
      }),
    );
  }

  describeCluster(): Promise<{ clusterId: string; brokers: number; controllerId: number | null }> {
    return asPortError('describing the cluster', async () => {
      const metadata = await this.admin.metadata({ topics: [], forceUpdate: true });
      return { clusterId: metadata.id, brokers: metadata.brokers.size, controllerId: metadata.controllerId >= 0 ? metadata.controllerId : null };
    });
  }

  offsetsAtTimestamp(topic: string, timestampMs: number): Promise<PartitionOffset[]> {
    return asPortError(`finding offsets by timestamp in ${topic}`, async () => {
      const [atTime, end] = await Promise.all([this.listOffsets(topic, BigInt(timestampMs)), this.listOffsets(topic, ListOffsetTimestamps.LATEST)]);
      // No record at or after the timestamp: the end offset, where a replay from then would start (as kafkajs answers).
      return atTime.map(({ partition, offset }) => ({ partition, offset: offset === '-1' ? (end.find((p) => p.partition === partition)?.offset ?? offset) : offset }));
    });
  }

  endOffsets(topic: string): Promise<PartitionOffset[]> {
    return asPortError(`reading the end offsets of ${topic}`, () => this.listOffsets(topic, ListOffsetTimestamps.LATEST));
  }

  startOffsets(topic: string): Promise<PartitionOffset[]> {
    return asPortError(`reading the start offsets of ${topic}`, () => this.listOffsets(topic, ListOffsetTimestamps.EARLIEST));
  }

  deleteRecordsBefore(topic: string, offsets: PartitionOffset[]): Promise<void> {
    return asPortError(`deleting records of ${topic}`, async () => {
      await this.admin.deleteRecords({ topics: [{ name: topic, partitions: offsets.map(({ partition, offset }) => ({ partition, offset: BigInt(offset) })) }] });
    });
  }

  describeGroup(groupId: string): Promise<GroupDescription> {
    return asPortError(`describing group ${groupId}`, async () => {
      const group = (await this.admin.describeGroups({ groups: [groupId] })).get(groupId);
      return { state: group?.state ?? 'Dead', members: [...(group?.members.values() ?? [])].map((m) => ({ memberId: m.id, clientId: m.clientId, host: m.clientHost })) };
    });
  }

  setGroupOffsets(groupId: string, topic: string, offsets: PartitionOffset[]): Promise<void> {
    return asPortError(`setting the offsets of group ${groupId}`, () =>
      this.admin.alterConsumerGroupOffsets({ groupId, topics: [{ name: topic, partitionOffsets: offsets.map(({ partition, offset }) => ({ partition, offset: BigInt(offset) })) }] }),
    );
  }

  committedOffsets(groupId: string, topic: string): Promise<PartitionOffset[]> {
    return asPortError(`reading the offsets of group ${groupId}`, async () => {
      const partitionIndexes = await this.partitionsOf(topic);
      const [group] = await this.admin.listConsumerGroupOffsets({ groups: [{ groupId, topics: [{ name: topic, partitionIndexes }] }] });
      const partitions = group?.topics.find((entry) => entry.name === topic)?.partitions ?? [];
      return partitions.map(({ partitionIndex, committedOffset }) => ({ partition: partitionIndex, offset: String(committedOffset) })).sort(byPartition);
    });
  }

  listGroups(): Promise<string[]> {
    return asPortError('listing consumer groups', async () => [...(await this.admin.listGroups()).keys()].sort());
  }

  groupTopics(groupId: string): Promise<string[]> {
    return asPortError(`listing the topics of group ${groupId}`, async () => {
      // A group given without topics asks OffsetFetch for every topic the group has committed to.
      const [group] = await this.admin.listConsumerGroupOffsets({ groups: [groupId] });
      return (group?.topics ?? [])
        .filter((topic) => topic.partitions.some((p) => p.committedOffset >= 0n))
        .map((topic) => topic.name)
        .sort();
    });
  }

  deleteGroups(groupIds: string[]): Promise<void> {
    return asPortError('deleting consumer groups', async () => {
      if (groupIds.length === 0) return;
      const known = await this.admin.listGroups();
      const existing = groupIds.filter((groupId) => known.has(groupId));
      if (existing.length > 0) await this.admin.deleteGroups({ groups: existing });
    });
  }

  /** False when another client created the topic in the meantime. */
  private async createTopic(spec: TopicSpec): Promise<boolean> {
    try {
      await this.admin.createTopics({
        topics: [spec.topic],
        partitions: spec.partitions,
        replicas: spec.replicationFactor,
        configs: Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value })),
      });
      return true;
    } catch (error) {
      if (isAlreadyExists(error)) return false;
      throw error;
    }
  }

  private async partitionsOf(topic: string): Promise<number[]> {
    const metadata = await this.admin.metadata({ topics: [topic] });
    const described = metadata.topics.get(topic);
    if (!described) throw new Error(`topic ${topic} does not exist`);
    return Array.from({ length: described.partitionsCount }, (_, partition) => partition);
  }

  private async listOffsets(topic: string, timestamp: bigint): Promise<PartitionOffset[]> {
    const partitions = await this.partitionsOf(topic);
    const [listed] = await this.admin.listOffsets({ topics: [{ name: topic, partitions: partitions.map((partitionIndex) => ({ partitionIndex, timestamp })) }] });
    return (listed?.partitions ?? []).map(({ partitionIndex, offset }) => ({ partition: partitionIndex, offset: String(offset) })).sort(byPartition);
  }
}

function isAlreadyExists(error: unknown): boolean {
  return (error as { findBy?: (property: string, value: unknown) => unknown }).findBy?.('apiId', 'TOPIC_ALREADY_EXISTS') != null;
}
