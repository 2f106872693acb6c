import { KafkaPortError } from './errors';
import { isRetriableKafkajsError } from './kafkajs/retriable';
import { isRetriablePlatformaticError } from './platformatic/retriable';

/**
 * Whether a Kafka error may go away by itself: a KafkaPortError says so itself; a client's own
 * error is judged by the adapter that knows that client.
 */
export function isRetriableKafkaError(error: unknown): boolean {
  if (error instanceof KafkaPortError) return error.retriable;
  return isRetriableKafkajsError(error) || isRetriablePlatformaticError(error);
}
