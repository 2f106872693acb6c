import { performance } from 'node:perf_hooks';
import type { Catalog } from '@eventline/contracts';
import type { KafkaPort } from '@eventline/kafka-port';
import { Publisher } from '@eventline/publisher';
import type { SchemaRegistryClient } from '@eventline/schema-registry';
import { benchEvent } from './events';
import { fmtInt, rate, ticker } from './progress';

/** publishUntyped calls awaiting their acks at once: enough to overlap encoding with sending; the SDK keeps their order. */
const IN_FLIGHT = 4;
export const PUBLISH_BATCH = 1_000;

export function benchPublisher(kafka: KafkaPort, registry: SchemaRegistryClient, catalog: Catalog): Publisher {
  return new Publisher({ kafka, registry, catalog, source: 'eventline-bench', maxBatchSize: PUBLISH_BATCH });
}

/**
 * Publishes `count` bench events through the SDK (validated, Avro, acks=all, idempotent) in
 * publishUntyped calls of PUBLISH_BATCH, and returns the milliseconds from the first call to the
 * last acknowledgement. The publisher is connected first, so the time is the publishing alone.
 */
export async function publishEvents(publisher: Publisher, tenants: string[], count: number, signal: AbortSignal, label: string): Promise<number> {
  await publisher.connect();
  const pending: Array<Promise<void>> = [];
  let acked = 0;
  const started = performance.now();
  const progress = ticker(2_000, () => `${label}: ${fmtInt(acked)}/${fmtInt(count)} acknowledged (${fmtInt(rate(acked, performance.now() - started))} ev/s)`);
  try {
    for (let first = 0; first < count; first += PUBLISH_BATCH) {
      signal.throwIfAborted();
      const events = [];
      for (let n = first; n < Math.min(first + PUBLISH_BATCH, count); n++) events.push(benchEvent(tenants, n));
      const call = publisher.publishUntyped(events).then(() => void (acked += events.length));
      call.catch(() => undefined); // awaited below; this only keeps a failure from being reported as unhandled first
      pending.push(call);
      if (pending.length >= IN_FLIGHT) await pending.shift();
    }
    await Promise.all(pending);
    return performance.now() - started;
  } finally {
    progress.stop();
  }
}

/** Mean size of the Avro values the SDK produces for the bench event (Confluent wire format, as sent), over a sample. */
export async function meanEncodedSize(publisher: Publisher, tenants: string[], sample = 1_000): Promise<number> {
  const events = Array.from({ length: sample }, (_, n) => benchEvent(tenants, n));
  const prepared = await publisher.prepareAll(events);
  return prepared.reduce((sum, p) => sum + p.message.value!.length, 0) / prepared.length;
}
