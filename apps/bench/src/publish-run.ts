import { performance } from 'node:perf_hooks';
import type { Publisher } from '@eventline/publisher';
import { ticketAssigned } from '@eventline/test-harness';
import type { BenchOptions } from './options';

/** publishUntyped calls awaiting their acks at once: enough to overlap encoding with sending; the SDK keeps their order. */
const IN_FLIGHT = 4;

export interface PublishTiming {
  /** performance.now() before the first publish call, and once the last batch was acknowledged. */
  startedAt: number;
  endedAt: number;
}

/**
 * Publishes options.events TICKET_ASSIGNED events, round robin over the bench tenants, in
 * publishUntyped calls of options.batch events. Each event's occurred_at is stamped by the SDK
 * when its call is made. Stops early (and throws) when `signal` aborts.
 */
export async function publishEvents(
  publisher: Publisher,
  tenants: string[],
  options: BenchOptions,
  signal: AbortSignal,
  onAcked: (published: number) => void,
): Promise<PublishTiming> {
  await publisher.connect();
  const pending: Array<Promise<void>> = [];
  let published = 0;
  const startedAt = performance.now();
  for (let first = 0; first < options.events; first += options.batch) {
    signal.throwIfAborted();
    const events = [];
    for (let n = first; n < Math.min(first + options.batch, options.events); n++) events.push(ticketAssigned(tenants[n % tenants.length], n));
    const call = publisher.publishUntyped(events).then(() => {
      published += events.length;
      onAcked(published);
    });
    call.catch(() => undefined); // awaited below; this only keeps a failure from being reported as unhandled first
    pending.push(call);
    if (pending.length >= IN_FLIGHT) await pending.shift();
  }
  await Promise.all(pending);
  return { startedAt, endedAt: performance.now() };
}
