import { ConfigResourceTypes, type Admin, type Kafka } from 'kafkajs';
import type { AdminPort } from '../admin/admin-port';
import type { GroupDescription, PartitionOffset, TopicSpec } from '../types';
import { asPortError } from './port-errors';

/** DescribeConfigs' source for a setting made on the topic itself (DYNAMIC_TOPIC_CONFIG). */
const TOPIC_CONFIG_SOURCE = 1;
const byPartition = (a: PartitionOffset, b: PartitionOffset) => a.partition - b.partition;

export class KafkajsAdmin implements AdminPort {
  private readonly admin: Admin;

  constructor(kafka: Kafka) {
    this.admin = kafka.admin();
  }

  connect(): Promise<void> {
    return asPortError('connecting the admin client', () => this.admin.connect());
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect();
  }

  ensureTopics(specs: TopicSpec[]): Promise<string[]> {
    return asPortError('creating topics', async () => {
      const existing = new Set(await this.admin.listTopics());
      const missing = specs.filter((spec) => !existing.has(spec.topic));
      if (missing.length === 0) return [];
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.topic,
          numPartitions: spec.partitions,
          replicationFactor: spec.replicationFactor,
          configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
      return missing.map((spec) => spec.topic);
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
      const metadata = await this.admin.fetchTopicMetadata({ topics: wanted });
      return new Map(metadata.topics.map((topic) => [topic.name, topic.partitions.length]));
    });
  }

  topicConfig(topic: string): Promise<Record<string, string>> {
    return asPortError(`describing the config of ${topic}`, async () => {
      const { resources } = await this.admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }], includeSynonyms: false });
      const [resource] = resources;
      if (resource.errorCode !== 0) throw new Error(`error code ${resource.errorCode}: ${resource.errorMessage}`);
      return Object.fromEntries(resource.configEntries.map((entry) => [entry.configName, entry.configValue]));
    });
  }

  alterTopicConfig(topic: string, settings: Record<string, string>): Promise<void> {
    return asPortError(`altering the config of ${topic}`, async () => {
      // kafkajs speaks AlterConfigs, which replaces every topic-level setting: keep the others.
      const { resources } = await this.admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }], includeSynonyms: false });
      const own = resources[0].configEntries.filter((entry) => !entry.isDefault && entry.configSource === TOPIC_CONFIG_SOURCE);
      const merged = { ...Object.fromEntries(own.map((entry) => [entry.configName, entry.configValue])), ...settings };
      await this.admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: Object.entries(merged).map(([name, value]) => ({ name, value })) }],
      });
    });
  }

  describeCluster(): Promise<{ clusterId: string; brokers: number; controllerId: number | null }> {
    return asPortError('describing the cluster', async () => {
      const cluster = await this.admin.describeCluster();
      return { clusterId: cluster.clusterId, brokers: cluster.brokers.length, controllerId: cluster.controller };
    });
  }

  offsetsAtTimestamp(topic: string, timestampMs: number): Promise<PartitionOffset[]> {
    return asPortError(`finding offsets by timestamp in ${topic}`, async () => {
      const offsets = await this.admin.fetchTopicOffsetsByTimestamp(topic, timestampMs);
      return offsets.map(({ partition, offset }) => ({ partition, offset })).sort(byPartition);
    });
  }

  endOffsets(topic: string): Promise<PartitionOffset[]> {
    return asPortError(`reading the end offsets of ${topic}`, async () => {
      const offsets = await this.admin.fetchTopicOffsets(topic);
      return offsets.map(({ partition, high }) => ({ partition, offset: high })).sort(byPartition);
    });
  }

  startOffsets(topic: string): Promise<PartitionOffset[]> {
    return asPortError(`reading the start offsets of ${topic}`, async () => {
      const offsets = await this.admin.fetchTopicOffsets(topic);
      return offsets.map(({ partition, low }) => ({ partition, offset: low })).sort(byPartition);
    });
  }

  deleteRecordsBefore(topic: string, offsets: PartitionOffset[]): Promise<void> {
    return asPortError(`deleting records of ${topic}`, () => this.admin.deleteTopicRecords({ topic, partitions: offsets }));
  }

  describeGroup(groupId: string): Promise<GroupDescription> {
    return asPortError(`describing group ${groupId}`, async () => {
      const { groups } = await this.admin.describeGroups([groupId]);
      const group = groups[0];
      return { state: group?.state ?? 'Dead', members: (group?.members ?? []).map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.clientHost })) };
    });
  }

  setGroupOffsets(groupId: string, topic: string, offsets: PartitionOffset[]): Promise<void> {
    return asPortError(`setting the offsets of group ${groupId}`, () => this.admin.setOffsets({ groupId, topic, partitions: offsets }));
  }

  committedOffsets(groupId: string, topic: string): Promise<PartitionOffset[]> {
    return asPortError(`reading the offsets of group ${groupId}`, async () => {
      const [entry] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
      return (entry?.partitions ?? []).map(({ partition, offset }) => ({ partition, offset })).sort(byPartition);
    });
  }

  listGroups(): Promise<string[]> {
    return asPortError('listing consumer groups', async () => (await this.admin.listGroups()).groups.map((group) => group.groupId).sort());
  }

  groupTopics(groupId: string): Promise<string[]> {
    return asPortError(`listing the topics of group ${groupId}`, async () => {
      // Without topics, OffsetFetch answers for every topic the group has committed to.
      const entries = await this.admin.fetchOffsets({ groupId });
      return entries
        .filter((entry) => entry.partitions.some((p) => p.offset !== '-1'))
        .map((entry) => entry.topic)
        .sort();
    });
  }

  deleteGroups(groupIds: string[]): Promise<void> {
    return asPortError('deleting consumer groups', async () => {
      if (groupIds.length === 0) return;
      const known = new Set((await this.admin.listGroups()).groups.map((group) => group.groupId));
      const existing = groupIds.filter((groupId) => known.has(groupId));
      if (existing.length > 0) await this.admin.deleteGroups(existing);
    });
  }
}
