import type { KafkaClientOptions, KafkaPort } from './kafka-port';
import { kafkaClientChoice, type KafkaClientChoice, type KafkaClientName } from './client/kafka-client-name';
import { CompositeKafkaPort } from './client/composite-port';
import { KafkajsPort } from './kafkajs/kafkajs-port';
import { PlatformaticPort } from './platformatic/platformatic-port';

export type { KafkaPort, KafkaClientOptions } from './kafka-port';
export type { AdminPort } from './admin/admin-port';
export { withAdmin } from './admin/with-admin';
export type { ProducerPort, ProducerOptions } from './producer/producer-port';
export type { ConsumerPort, ConsumerOptions, BatchHandler } from './consumer/consumer-port';
export type * from './types';
export { isRetriableKafkaError } from './retriable';
export { KafkaPortError } from './errors';
export { topicDurability, type TopicDurability } from './admin/topic-durability';
export { kafkaSecurityFromEnv, SASL_MECHANISMS, type KafkaSecurity, type KafkaSasl, type KafkaTls, type SaslMechanism } from './security/kafka-security';

export { KAFKA_CLIENTS, DEFAULT_KAFKA_CLIENTS, kafkaClientChoice, type KafkaClientName, type KafkaClientChoice } from './client/kafka-client-name';

const ADAPTERS: Record<KafkaClientName, new (options: KafkaClientOptions) => KafkaPort> = {
  kafkajs: KafkajsPort,
  platformatic: PlatformaticPort,
};

/**
 * The one place that picks the Kafka client implementation: `client` when given (a bench or a
 * contract test naming one), else the environment's choice (see kafkaClientChoice). When the
 * sides name different clients, each side comes from its own adapter.
 */
export function createKafkaPort(options: KafkaClientOptions & { client?: KafkaClientName }): KafkaPort {
  const { client, ...clientOptions } = options;
  const choice: KafkaClientChoice = client ? { admin: client, producer: client, consumer: client } : kafkaClientChoice();
  const ports = new Map<KafkaClientName, KafkaPort>();
  const portFor = (name: KafkaClientName): KafkaPort => {
    const port = ports.get(name) ?? new ADAPTERS[name](clientOptions);
    ports.set(name, port);
    return port;
  };
  const sides = { admin: portFor(choice.admin), producer: portFor(choice.producer), consumer: portFor(choice.consumer) };
  return ports.size === 1 ? sides.admin : new CompositeKafkaPort(sides);
}
export { createMemoryKafka, MemoryKafka, type MemoryKafkaOptions } from './memory/memory-kafka';
export { upsertScramUsers } from './security/scram-users';
export { createAcls, type AclGrant } from './security/acls';
