import { createKafkaPort } from '@eventline/kafka-port';
import { startPrivateKafkaCluster, type PrivateKafkaCluster } from '../../../stack/src/private-cluster';

/**
 * A single-node Kafka of one test's own, which it may stop and start again: a private cluster of
 * one node (the stack's own configuration code, on free ports in a temp directory).
 */
export class PrivateKafka {
  private cluster: PrivateKafkaCluster | undefined;

  get brokers(): string {
    if (!this.cluster) throw new Error('the private Kafka has not been started');
    return this.cluster.brokers[0];
  }

  async start(): Promise<void> {
    if (this.cluster) await this.cluster.startNode(1);
    else this.cluster = await startPrivateKafkaCluster({ nodes: 1 });
  }

  /** SIGTERM, as an operator's restart or a crashed host's supervisor would. */
  async stop(): Promise<void> {
    await this.cluster?.stopNode(1, 'SIGTERM');
  }

  async createTopic(topic: string, partitions = 3): Promise<void> {
    const admin = createKafkaPort({ brokers: [this.brokers], clientId: 'private-kafka' }).admin();
    await admin.connect();
    try {
      await admin.ensureTopics([{ topic, partitions, replicationFactor: 1 }]);
    } finally {
      await admin.disconnect();
    }
  }

  /** Stops the broker and removes its data. */
  async remove(): Promise<void> {
    await this.cluster?.stop();
    this.cluster = undefined;
  }
}
