import type { RetryDelayGetter } from '@platformatic/kafka';

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/** kafkajs' defaults, so both adapters wait alike between attempts. */
export const DEFAULT_BACKOFF: Backoff = { initialMs: 300, maxMs: 30_000 };

/**
 * kafkajs' schedule: the delay doubles from `initialMs` up to `maxMs`, each randomised by ±20% so
 * that clients restarted together do not retry in step.
 */
export function exponentialDelay({ initialMs, maxMs }: Backoff): RetryDelayGetter {
  return (_client, _operation, attempt) => {
    const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(Math.min(maxMs, base * (0.8 + Math.random() * 0.4)));
  };
}
