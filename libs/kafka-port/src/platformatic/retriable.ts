import { GenericError, TimeoutError } from '@platformatic/kafka';

/**
 * Whether a @platformatic/kafka error may go away by itself. The client marks each error with
 * `canRetry` and retries a request only when no error in its chain says `canRetry: false`; the
 * same rule decides here. A request timeout is the exception: the client gives up on it at once,
 * but the broker may answer the next one, as kafkajs (which calls it retriable) assumes too.
 */
export function isRetriablePlatformaticError(error: unknown): boolean {
  if (!(error instanceof Error) || !GenericError.isGenericError(error)) return false;
  if (error instanceof TimeoutError) return true;
  return !hasNonRetriable(error);
}

function hasNonRetriable(error: Error): boolean {
  if (error instanceof TimeoutError) return false;
  if ((error as { canRetry?: boolean }).canRetry === false) return true;
  const nested = error instanceof AggregateError ? (error.errors as unknown[]) : [];
  return nested.some((inner) => inner instanceof Error && hasNonRetriable(inner));
}
