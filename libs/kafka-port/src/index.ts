import type { KafkaClientOptions, KafkaPort } from './kafka-port';
import { kafkaClientChoice, type KafkaClientName } from './client/kafka-client-name';
import { KafkajsPort } from './kafkajs/kafkajs-port';

export type { KafkaPort, KafkaClientOptions } from './kafka-port';
export type { AdminPort } from './admin/admin-port';
export type { ProducerPort, ProducerOptions } from './producer/producer-port';
export type { ConsumerPort, ConsumerOptions, BatchHandler } from './consumer/consumer-port';
export type * from './types';
export { isRetriableKafkaError } from './kafkajs/retriable';
export { KafkaPortError } from './errors';
export { topicDurability, type TopicDurability } from './admin/topic-durability';

export { KAFKA_CLIENTS, DEFAULT_KAFKA_CLIENT, kafkaClientChoice, type KafkaClientName, type KafkaClientChoice } from './client/kafka-client-name';

/**
 * The one place that picks the Kafka client implementation: `client` when given (a bench or a
 * contract test naming one), else the environment's choice (see kafkaClientChoice).
 */
export function createKafkaPort(options: KafkaClientOptions & { client?: KafkaClientName }): KafkaPort {
  const choice = options.client ? { admin: options.client, producer: options.client, consumer: options.client } : kafkaClientChoice();
  if (choice.admin !== 'kafkajs' || choice.producer !== 'kafkajs' || choice.consumer !== 'kafkajs') {
    throw new Error('the @platformatic/kafka adapter is not built yet; use EVENTLINE_KAFKA_CLIENT=kafkajs');
  }
  return new KafkajsPort(options);
}
