import { ConfigResourceTypes, type Admin, type Kafka } from 'kafkajs';
import type { AdminPort } from '../admin/admin-port';
import type { PartitionOffset, TopicSpec } from '../types';

const byPartition = (a: PartitionOffset, b: PartitionOffset) => a.partition - b.partition;

export class KafkajsAdmin implements AdminPort {
  private readonly admin: Admin;

  constructor(kafka: Kafka) {
    this.admin = kafka.admin();
  }

  connect(): Promise<void> {
    return this.admin.connect();
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect();
  }

  async ensureTopics(specs: TopicSpec[]): Promise<string[]> {
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
  }

  deleteTopics(topics: string[]): Promise<void> {
    return this.admin.deleteTopics({ topics });
  }

  listTopics(): Promise<string[]> {
    return this.admin.listTopics();
  }

  async topicConfig(topic: string): Promise<Record<string, string>> {
    const { resources } = await this.admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }], includeSynonyms: false });
    const [resource] = resources;
    if (resource.errorCode !== 0) throw new Error(`describing topic ${topic} failed: ${resource.errorMessage || `error code ${resource.errorCode}`}`);
    return Object.fromEntries(resource.configEntries.map((entry) => [entry.configName, entry.configValue]));
  }

  async describeCluster(): Promise<{ clusterId: string; brokers: number; controllerId: number | null }> {
    const cluster = await this.admin.describeCluster();
    return { clusterId: cluster.clusterId, brokers: cluster.brokers.length, controllerId: cluster.controller };
  }

  async offsetsAtTimestamp(topic: string, timestampMs: number): Promise<PartitionOffset[]> {
    const offsets = await this.admin.fetchTopicOffsetsByTimestamp(topic, timestampMs);
    return offsets.map(({ partition, offset }) => ({ partition, offset })).sort(byPartition);
  }

  async endOffsets(topic: string): Promise<PartitionOffset[]> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return offsets.map(({ partition, high }) => ({ partition, offset: high })).sort(byPartition);
  }

  async committedOffsets(groupId: string, topic: string): Promise<PartitionOffset[]> {
    const [entry] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    return (entry?.partitions ?? []).map(({ partition, offset }) => ({ partition, offset })).sort(byPartition);
  }
}
