import type { KafkaClientOptions, KafkaPort } from './kafka-port';
import { KafkajsPort } from './kafkajs/kafkajs-port';

export type { KafkaPort, KafkaClientOptions } from './kafka-port';
export type { AdminPort } from './admin/admin-port';
export type { ProducerPort, ProducerOptions } from './producer/producer-port';
export type { ConsumerPort, ConsumerOptions, BatchHandler } from './consumer/consumer-port';
export type * from './types';
export { isRetriableKafkaError } from './kafkajs/retriable';
export { KafkaPortError } from './errors';
export { topicDurability, type TopicDurability } from './admin/topic-durability';

/** The one place that picks the Kafka client implementation. */
export function createKafkaPort(options: KafkaClientOptions): KafkaPort {
  return new KafkajsPort(options);
}
