import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { projectAuditEvents, Pseudonyms } from '@eventline/audit-projection';
import { pseudonymKeyFile } from '@eventline/stack-config';
import type { Catalog } from '@eventline/contracts';
import { ALL_EVENTS, EventConsumer, EventRouter, type BatchContext, type ConsumerLogger, type DecodedEvent, type Transactional } from '@eventline/consumer-runtime';
import type { KafkaPort } from '@eventline/kafka-port';
import type { SchemaRegistryClient } from '@eventline/schema-registry';
import { fmtInt, log, rate, ticker } from './progress';

export interface CountingConsumer {
  /** Events the handler returned from (a projecting consumer's batch commits right after). */
  handled(): number;
  /** performance.now() when the first batch reached the handler: after the group join, like ConsumerPerformance's fetch time. */
  firstBatchAt(): number | undefined;
  stop(): Promise<void>;
}

export interface ConsumerSpec {
  kafka: KafkaPort;
  registry: SchemaRegistryClient;
  catalog: Catalog;
  group: string;
  topic: string;
  /** With a pool: the real audit projection (one transaction per batch with the stored offsets, projectAuditEvents). Without: decode only. */
  pool?: Pool;
  /** Called after each batch with the running count, e.g. to cut P6's windows. */
  onBatch?: (handled: number, now: number) => void;
}

const logger: ConsumerLogger = {
  info: () => undefined,
  warn: (details, message) => log(`consumer: ${message} ${JSON.stringify(details, errorFields)}`),
  error: (details, message) => log(`consumer: ${message} ${JSON.stringify(details, errorFields)}`),
};

/** An EventConsumer of the runtime, as an app builds it, whose router projects (or only counts) and counts. */
export async function startCountingConsumer(spec: ConsumerSpec): Promise<CountingConsumer> {
  let handled = 0;
  let first: number | undefined;
  const count = (events: DecodedEvent[]) => {
    first ??= performance.now();
    handled += events.length;
    spec.onBatch?.(handled, performance.now());
  };
  const pseudonyms = Pseudonyms.fromFile(pseudonymKeyFile());
  // With a pool the default pipeline is transactional; without one it only counts, so `tx` is optional here.
  const router = new EventRouter<BatchContext & Partial<Transactional>>().on(ALL_EVENTS, async (events, context) => {
    if (spec.pool) {
      first ??= performance.now();
      await projectAuditEvents(context.tx!, events, spec.catalog, pseudonyms);
    }
    count(events);
  });
  const consumer = new EventConsumer({ kafka: spec.kafka, registry: spec.registry, catalog: spec.catalog, group: spec.group, topics: [spec.topic], router, logger, pool: spec.pool });
  await consumer.start();
  return { handled: () => handled, firstBatchAt: () => first, stop: () => consumer.stop() };
}

/**
 * Waits until `done()` holds, checking every `everyMs`; fails when `progress()` has not moved
 * for `stallMs`, or when the run is interrupted. Returns performance.now() when it held.
 */
export async function waitFor(what: string, done: () => Promise<boolean> | boolean, progress: () => number, total: number, signal: AbortSignal, everyMs = 50, stallMs = 120_000): Promise<number> {
  const started = performance.now();
  let last = -1;
  let movedAt = started;
  const tick = ticker(2_000, () => `${what}: ${fmtInt(progress())}/${fmtInt(total)} (${fmtInt(rate(progress(), performance.now() - started))}/s)`);
  try {
    for (;;) {
      signal.throwIfAborted();
      if (await done()) return performance.now();
      const now = performance.now();
      if (progress() !== last) {
        last = progress();
        movedAt = now;
      } else if (now - movedAt > stallMs) {
        throw new Error(`${what} stalled at ${last}/${total}: no progress for ${stallMs / 1000}s`);
      }
      await sleep(everyMs);
    }
  } finally {
    tick.stop();
  }
}

export async function countRows(pool: Pool, table: 'domain_events' | 'audit_logs'): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n;
}

function errorFields(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}
