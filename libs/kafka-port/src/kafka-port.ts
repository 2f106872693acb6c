import type { AdminPort } from './admin/admin-port';
import type { ConsumerOptions, ConsumerPort } from './consumer/consumer-port';
import type { ProducerOptions, ProducerPort } from './producer/producer-port';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
}

/** Entry point of the port: one per process, handing out admin, producers and consumers. */
export interface KafkaPort {
  admin(): AdminPort;
  producer(options?: ProducerOptions): ProducerPort;
  consumer(options: ConsumerOptions): ConsumerPort;
}
