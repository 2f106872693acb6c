import { KafkaPortError } from '../errors';
import { isRetriableKafkajsError } from './retriable';

/** Runs a kafkajs call and reports its failure as a KafkaPortError that says whether it is retriable. */
export async function asPortError<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof KafkaPortError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new KafkaPortError(`${operation}: ${message}`, isRetriableKafkajsError(error), { cause: error });
  }
}
