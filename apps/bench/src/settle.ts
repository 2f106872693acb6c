import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Pool } from 'pg';
import { log } from './progress';

/**
 * Writes back what earlier comparisons left in the page cache (P1–P4 write about a gigabyte to
 * Kafka's logs and PostgreSQL) and checkpoints PostgreSQL, so a latency comparison measures its
 * own load, not the kernel flushing the previous one's. Best effort: without the privilege for
 * CHECKPOINT the step is only logged.
 */
export async function settleWrites(pool: Pool): Promise<void> {
  const started = Date.now();
  await promisify(execFile)('sync').catch((error: Error) => log(`settle: sync failed (${error.message})`));
  await pool.query('CHECKPOINT').catch((error: Error) => log(`settle: CHECKPOINT refused (${error.message})`));
  log(`settled earlier writes in ${((Date.now() - started) / 1000).toFixed(1)} s (sync, CHECKPOINT)`);
}
