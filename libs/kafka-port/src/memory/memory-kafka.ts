import type { AdminPort } from '../admin/admin-port';
import type { ConsumerOptions, ConsumerPort } from '../consumer/consumer-port';
import type { KafkaPort } from '../kafka-port';
import type { ProducerPort } from '../producer/producer-port';
import { MemoryAdmin } from './admin/memory-admin';
import { MemoryCluster } from './cluster/memory-cluster';
import { MemoryConsumer } from './consumer/memory-consumer';
import { MemoryProducer } from './producer/memory-producer';

export interface MemoryKafkaOptions {
  /** Named in group members' clientId, as a real client's is. */
  clientId?: string;
  /** Most records of one partition handed over in one batch. */
  maxBatchMessages?: number;
  /** How long a partition whose handler failed waits before its batch is handed over again. */
  failedBatchDelayMs?: number;
}

/**
 * A KafkaPort with no broker (Watermill's gochannel for Eventline): one process-local cluster of
 * partitioned topics and consumer groups shared by every admin, producer and consumer it hands
 * out, for unit tests of code written against the port. It passes the port's core contract;
 * what needs a real broker (its configs, record deletion) fails naming the operation.
 */
export class MemoryKafka implements KafkaPort {
  private readonly cluster = new MemoryCluster();

  constructor(private readonly options: MemoryKafkaOptions = {}) {}

  admin(): AdminPort {
    return new MemoryAdmin(this.cluster);
  }

  producer(): ProducerPort {
    return new MemoryProducer(this.cluster);
  }

  consumer(options: ConsumerOptions): ConsumerPort {
    return new MemoryConsumer(this.cluster, this.options.clientId ?? 'memory-kafka', options, {
      maxBatchMessages: this.options.maxBatchMessages ?? 500,
      failedBatchDelayMs: this.options.failedBatchDelayMs ?? 100,
    });
  }
}

export function createMemoryKafka(options?: MemoryKafkaOptions): MemoryKafka {
  return new MemoryKafka(options);
}
