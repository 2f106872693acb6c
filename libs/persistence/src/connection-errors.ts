/** SQLSTATEs of a server that is shutting down, crashed or starting: the query was fine, the server was not there. */
const SERVER_GONE_SQLSTATES = new Set(['57P01', '57P02', '57P03']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);
/** What pg itself says when a connection broke or could not be had in time (it sets no code then). */
const PG_MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/, /^timeout expired$/, /not queryable/, /Client was closed/];

/**
 * True when `error` says PostgreSQL could not be reached or went away (refused, reset, timed
 * out, shutting down), as opposed to a query the server rejected. Such a fault passes once the
 * server is back, so a caller retries it or tells the person the database is down.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_GONE_SQLSTATES.has(code) || code.startsWith('08'))) return true;
  if (PG_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  // Node reports a refused connection to a host with several addresses as an AggregateError.
  return error instanceof AggregateError && error.errors.some(isDatabaseUnavailable);
}

/** The reason in one line: an AggregateError's message is empty, its first error's is not. */
export function connectionFailureReason(error: unknown): string {
  if (error instanceof AggregateError && !error.message && error.errors.length > 0) return connectionFailureReason(error.errors[0]);
  if (error instanceof Error) return error.message || String((error as { code?: unknown }).code ?? error.name);
  return String(error);
}
