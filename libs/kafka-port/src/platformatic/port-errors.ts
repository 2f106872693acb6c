import { KafkaPortError } from '../errors';
import { isRetriablePlatformaticError } from './retriable';

/** Runs a @platformatic/kafka call and reports its failure as a KafkaPortError that says whether it is retriable. */
export async function asPortError<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw portError(operation, error);
  }
}

export function portError(operation: string, error: unknown): KafkaPortError {
  if (error instanceof KafkaPortError) return error;
  return new KafkaPortError(`${operation}: ${describe(error)}`, isRetriablePlatformaticError(error), { cause: error });
}

/** The client's aggregate errors ("produce failed 4 times.") name their causes only in `errors`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (!(error instanceof AggregateError) || error.errors.length === 0) return error.message;
  const last = error.errors[error.errors.length - 1] as unknown;
  return `${error.message} (last: ${describe(last)})`;
}
