import { loadStackEndpoints } from '@eventline/stack-config';
import { createKafkaPort, KAFKA_CLIENTS, type KafkaClientName, type KafkaPort } from '../index';

/** Each contract spec runs once per real adapter, against the broker of the local stack. */
export const EACH_CLIENT = KAFKA_CLIENTS.map((client) => [client] as const);

export function portFor(client: KafkaClientName): KafkaPort {
  return createKafkaPort({ brokers: loadStackEndpoints().kafkaBrokers, clientId: `kafka-port-contract-${client}`, client });
}

export { freshTopic, produce, RecordingMember, withAdmin } from './fixture';
