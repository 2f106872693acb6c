import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import type { ProjectionConsumer } from './projection-consumer';
import { fmtInt, log, rate, ticker } from './progress';

export async function countRows(pool: Pool, table: 'domain_events' | 'audit_logs', tenants: string[]): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = ANY($1)`, [tenants]);
  return rows[0].n;
}

/**
 * Polls domain_events until `expected` rows of the bench tenants are visible and returns when it
 * saw them (performance.now()). Polls once a second while the consumer is still behind, every
 * 100 ms once it has handled everything (so the end is seen within ~100 ms without loading the
 * database during the run). Fails when the count stops moving for `stallMs`.
 */
export async function waitForRows(
  pool: Pool,
  tenants: string[],
  expected: number,
  consumer: ProjectionConsumer,
  publishStartedAt: number,
  signal: AbortSignal,
  stallMs = 120_000,
): Promise<number> {
  let visible = 0;
  let movedAt = performance.now();
  const progress = ticker(2_000, () => `projected ${fmtInt(visible)}/${fmtInt(expected)} (${fmtInt(rate(visible, performance.now() - publishStartedAt))} ev/s since the first publish)`);
  try {
    for (;;) {
      signal.throwIfAborted();
      const n = await countRows(pool, 'domain_events', tenants);
      const now = performance.now();
      if (n >= expected) {
        visible = n;
        return now;
      }
      if (n !== visible) movedAt = now;
      visible = n;
      if (now - movedAt > stallMs) throw new Error(`stalled: ${n}/${expected} rows visible and none added for ${stallMs / 1000}s`);
      await sleep(consumer.handled() >= expected ? 100 : 1_000);
    }
  } finally {
    progress.stop();
  }
}

/** Once the rows are visible, waits (briefly) for this bench's consumer to have handled every event itself. */
export async function waitForConsumer(consumer: ProjectionConsumer, expected: number, signal: AbortSignal, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (consumer.handled() < expected) {
    signal.throwIfAborted();
    if (performance.now() > deadline) {
      log(`the bench consumer handled ${consumer.handled()}/${expected} events within ${timeoutMs / 1000}s of the rows being visible; going on`);
      return;
    }
    await sleep(100);
  }
}
