import type { Pool } from 'pg';
import type { Publisher } from '@eventline/publisher';
import type { ProjectionConsumer } from './projection-consumer';
import type { BenchNames } from './setup';
import { log } from './progress';

/** What a run has opened so far; cleanUp() closes and deletes whatever of it exists. */
export interface BenchState {
  pool: Pool;
  names: BenchNames;
  consumer?: ProjectionConsumer;
  publisher?: Publisher;
}

/**
 * Stops the consumer first (it finishes the batch in hand, so it writes nothing after the rows
 * are deleted), closes the publisher, deletes the rows of both tenant sets from both tables and
 * the group's consumer_offsets rows, then closes the pool. Each step runs even if one before it
 * failed or timed out. Idempotent: Ctrl-C and the normal end share one run.
 */
export function cleaner(state: BenchState): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= cleanUp(state));
}

async function cleanUp(state: BenchState): Promise<void> {
  const { pool, names } = state;
  const tenants = [...names.tenants, ...names.copyTenants];
  await step('stop the consumer', async () => state.consumer?.stop());
  await step('close the publisher', async () => state.publisher?.close());
  await step('delete the bench rows', async () => {
    const events = await pool.query('DELETE FROM domain_events WHERE tenant_id = ANY($1)', [tenants]);
    const logs = await pool.query('DELETE FROM audit_logs WHERE tenant_id = ANY($1)', [tenants]);
    const offsets = await pool.query('DELETE FROM consumer_offsets WHERE group_id = $1', [names.group]);
    log(`cleaned up: ${events.rowCount} domain_events, ${logs.rowCount} audit_logs and ${offsets.rowCount} consumer_offsets rows deleted`);
  });
  await step('close the database pool', () => pool.end());
}

async function step(name: string, run: () => Promise<unknown>, timeoutMs = 30_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([run(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000}s`)), timeoutMs)))]);
  } catch (error) {
    log(`cleanup: could not ${name}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}
