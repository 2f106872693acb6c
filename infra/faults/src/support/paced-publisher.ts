import { setTimeout as sleep } from 'node:timers/promises';
import type { Publisher, UntypedEventInput } from '@eventline/publisher';

/**
 * Publishes `events` in batches of `batchSize`, one batch every `intervalMs`, so the stream
 * keeps flowing across a fault; resolves with the ids the broker acknowledged.
 */
export async function publishPaced(publisher: Publisher, events: UntypedEventInput[], batchSize: number, intervalMs: number): Promise<string[]> {
  const acknowledged: string[] = [];
  for (let i = 0; i < events.length; i += batchSize) {
    const started = Date.now();
    const results = await publisher.publishUntyped(events.slice(i, i + batchSize));
    acknowledged.push(...results.map((r) => r.event_id));
    await sleep(Math.max(0, intervalMs - (Date.now() - started)));
  }
  return acknowledged;
}
