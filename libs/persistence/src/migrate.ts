import { join } from 'node:path';
import { runner } from 'node-pg-migrate';

export const MIGRATIONS_DIR = join(__dirname, '..', 'migrations');

/**
 * Applies pending migrations (node-pg-migrate, versioned SQL files in libs/persistence/migrations).
 * Safe to call from every app at start: node-pg-migrate takes an advisory lock, so concurrent
 * starts apply each migration once.
 */
export async function migrate(databaseUrl: string, log: (message: string) => void = () => undefined): Promise<string[]> {
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
