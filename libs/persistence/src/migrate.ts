import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runner } from 'node-pg-migrate';

export const MIGRATIONS_DIR = join(__dirname, '..', 'migrations');

const LOCK_BUSY = /Another migration is already running/;

/**
 * Applies pending migrations (node-pg-migrate, versioned SQL files in libs/persistence/migrations).
 * Every app calls it at start. node-pg-migrate refuses to run while another process holds its
 * lock, so when apps start together each waits its turn, then finds nothing left to apply.
 */
export async function migrate(databaseUrl: string, log: (message: string) => void = () => undefined, waitForLockMs = 60_000): Promise<string[]> {
  const deadline = Date.now() + waitForLockMs;
  for (;;) {
    try {
      return await runOnce(databaseUrl, log);
    } catch (error) {
      if (!LOCK_BUSY.test((error as Error).message) || Date.now() > deadline) throw error;
      await sleep(100 + Math.random() * 200);
    }
  }
}

async function runOnce(databaseUrl: string, log: (message: string) => void): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    count: Infinity,
    singleTransaction: true,
    log,
    verbose: false,
  });
  return applied.map((migration) => migration.name);
}
