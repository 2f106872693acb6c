import { isRetriableKafkaError } from '@eventline/kafka-port';
import { RegistryHttpError } from '@eventline/schema-registry';

/** A dependency that answers but is not usable yet (a topic still being created): worth waiting for. */
export class NotReadyYet extends Error {
  override readonly name = 'NotReadyYet';
}

/** A probe that took longer than its share of the budget: the dependency may be starting. */
export class ProbeTimeout extends Error {
  override readonly name = 'ProbeTimeout';
}

/** Socket errors of a server that is not up (yet), or not reachable (yet). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/** PostgreSQL's "starting up / shutting down / too many clients" states (class 57P and 53300). */
const PG_TRANSIENT_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * Whether a start-up failure may go away by waiting: a server not up yet, a topic partition not
 * hosted yet. Bad configuration — a wrong password, a database or registry path that does not
 * exist — is not: waiting would only hide it.
 */
export function isRetriableStartupError(error: unknown): boolean {
  if (error instanceof NotReadyYet || error instanceof ProbeTimeout) return true;
  if (error instanceof RegistryHttpError) return error.status >= 500 || error.status === 429;
  if (isRetriableKafkaError(error)) return true;
  return causes(error).some((e) => NETWORK_CODES.has(code(e)) || PG_TRANSIENT_CODES.has(code(e)) || /Connection terminated/.test(e.message));
}

function causes(error: unknown): Error[] {
  const chain: Error[] = [];
  for (let current = error; current instanceof Error && chain.length < 10; current = current.cause) {
    chain.push(current);
    if (current instanceof AggregateError) chain.push(...current.errors.filter((e): e is Error => e instanceof Error));
  }
  return chain;
}

function code(error: Error): string {
  return String((error as { code?: unknown }).code ?? '');
}
