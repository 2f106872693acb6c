import type { MessageToProduce } from '@platformatic/kafka';
import { javaCompatiblePartitioner } from '../../platformatic/partitioner';
import type { ProducerPort } from '../../producer/producer-port';
import type { OutgoingMessage, RecordMetadata } from '../../types';
import type { MemoryCluster } from '../cluster/memory-cluster';
import { requireConnected } from '../unsupported';

/**
 * Appends to the in-memory partitions. Keys go where Kafka's Java producer puts them (the same
 * murmur2 partitioner the @platformatic/kafka adapter uses), unkeyed records round-robin; one
 * RecordMetadata per partition written, with the first offset written there, as a broker answers.
 */
export class MemoryProducer implements ProducerPort {
  private readonly partitioner = javaCompatiblePartitioner();
  private connected = false;

  constructor(private readonly cluster: MemoryCluster) {}

  async connect(): Promise<void> {
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    this.connected = false;
  }

  async send(topic: string, messages: OutgoingMessage[]): Promise<RecordMetadata[]> {
    requireConnected(this.connected, 'producer', `sending to ${topic}`);
    const log = this.cluster.topic(topic, `sending to ${topic}`);
    const written = new Map<number, bigint>();
    for (const message of messages) {
      const partition = this.partitionFor(topic, message, log.partitions.length);
      const offset = log.partition(partition).append({
        key: message.key,
        value: message.value === null ? null : Buffer.from(message.value),
        headers: { ...message.headers },
        timestamp: message.timestamp ?? Date.now(),
      });
      if (!written.has(partition)) written.set(partition, offset);
    }
    this.cluster.appended();
    return [...written].map(([partition, offset]) => ({ topic, partition, baseOffset: String(offset) }));
  }

  private partitionFor(topic: string, message: OutgoingMessage, partitions: number): number {
    const key = message.key === null ? undefined : Buffer.from(message.key);
    return this.partitioner({ topic, key, value: message.value ?? undefined } as MessageToProduce, key) % partitions;
  }
}
