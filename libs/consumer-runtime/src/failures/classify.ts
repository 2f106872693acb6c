import { KafkaPortError } from '@eventline/kafka-port';
import { isDatabaseUnavailable } from '@eventline/persistence';
import { RegistryHttpError } from '@eventline/schema-registry';

/**
 * Transient: the same work may succeed later unchanged (a server down, a lock conflict), so it is
 * retried for as long as it lasts. Permanent: it will fail the same way again (bad data, a bug),
 * so after a few attempts the event is dead-lettered and its partition moves on.
 */
export type FailureKind = 'transient' | 'permanent';

/** An app's own rule, asked first; undefined leaves the error to the runtime's rules. */
export type ErrorRule = (error: unknown) => FailureKind | undefined;

/** Socket errors of a server that is down, restarting or unreachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * PostgreSQL SQLSTATEs that describe the server or contention, not the data: class 08
 * (connection), 40001 and 40P01 (serialization failure, deadlock), class 53 (insufficient
 * resources), 57P (shutting down, starting up), 57014 (statement timeout or cancel), 55P03 (lock
 * not available). Every other SQLSTATE — 22 data errors, 23 constraint violations, 42 — is permanent.
 */
function isTransientSqlState(code: string): boolean {
  return /^(08|53|57P)/.test(code) || ['40001', '40P01', '57014', '55P03'].includes(code);
}

/** The runtime's own rules, for one error of a cause chain; undefined when it says nothing. */
function ruleFor(error: Error): FailureKind | undefined {
  if (error instanceof KafkaPortError) return error.retriable ? 'transient' : 'permanent';
  if (error instanceof RegistryHttpError) return error.status >= 500 || error.status === 429 ? 'transient' : 'permanent';
  if (error.name === 'TimeoutError') return 'transient';
  const code = String((error as { code?: unknown }).code ?? '');
  if (NETWORK_CODES.has(code)) return 'transient';
  // The persistence lib's list of a database that went away, also for pg's code-less messages.
  if (isDatabaseUnavailable(error)) return 'transient';
  if (/^[0-9A-Z]{5}$/.test(code)) return isTransientSqlState(code) ? 'transient' : 'permanent';
  return undefined;
}

/** The error and what it wraps: `cause` links and the members of an AggregateError (Node's multi-address connect). */
function chain(error: unknown): Error[] {
  const errors: Error[] = [];
  const visit = (current: unknown) => {
    if (!(current instanceof Error) || errors.length >= 20 || errors.includes(current)) return;
    errors.push(current);
    if (current instanceof AggregateError) current.errors.forEach(visit);
    visit(current.cause);
  };
  visit(error);
  return errors;
}

/**
 * The one predicate that decides how a failure is handled. App rules come first; then the first
 * error in the chain that a runtime rule recognises decides (so `fetch failed` caused by
 * ECONNREFUSED is transient although it is a TypeError); anything unrecognised is permanent,
 * because retrying a bug or bad data for ever would hold the partition.
 */
export function classifyError(error: unknown, appRules: ErrorRule[] = []): FailureKind {
  for (const rule of appRules) {
    const kind = rule(error);
    if (kind) return kind;
  }
  for (const link of chain(error)) {
    const kind = ruleFor(link);
    if (kind) return kind;
  }
  return 'permanent';
}

export const isTransient = (error: unknown, appRules: ErrorRule[] = []): boolean => classifyError(error, appRules) === 'transient';
