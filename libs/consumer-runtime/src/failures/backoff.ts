export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/** Exponential: initial, 2×, 4×, … capped at max; `attempt` counts from 1. */
export function backoffDelay(backoff: Backoff, attempt: number): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt - 1, 20));
}
