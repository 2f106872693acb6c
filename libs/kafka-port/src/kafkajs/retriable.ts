import { KafkaPortError } from '../errors';

/**
 * Whether a Kafka client error may go away by itself (broker starting, partition not hosted yet,
 * leader election): kafkajs marks each error `retriable`, and wraps the last one in a
 * non-retriable "number of retries exceeded" once its own retries run out — so the cause decides.
 */
export function isRetriableKafkajsError(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof KafkaPortError) return current.retriable;
    if (!current.name.startsWith('KafkaJS')) return false;
    if ((current as { retriable?: boolean }).retriable === true) return true;
    if (current.name !== 'KafkaJSNumberOfRetriesExceeded') return false;
  }
  return false;
}
