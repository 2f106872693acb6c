import { isTransient } from '@eventline/consumer-runtime';

/** A dependency that answers but is not usable yet (a topic still being created): worth waiting for. */
export class NotReadyYet extends Error {
  override readonly name = 'NotReadyYet';
}

/** A probe that took longer than its share of the budget: the dependency may be starting. */
export class ProbeTimeout extends Error {
  override readonly name = 'ProbeTimeout';
}

/**
 * Whether a start-up failure may go away by waiting: the consumer runtime's transient errors (a
 * server not up yet, a topic partition not hosted yet), plus the probes' own. Bad configuration —
 * a wrong password, a database or registry path that does not exist — is not: waiting would only hide it.
 */
export function isRetriableStartupError(error: unknown): boolean {
  return error instanceof NotReadyYet || error instanceof ProbeTimeout || isTransient(error);
}
