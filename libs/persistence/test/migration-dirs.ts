import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { MIGRATIONS_DIR } from '../src/migration-files';
import { MIGRATIONS_TABLE } from '../src/migration-records';

export const HISTORY_DIR = join(__dirname, 'history');

/** The project's migrations that existed before this release's reconciling ones (…040 and later). */
export const ORIGINAL_MIGRATIONS = readdirSync(MIGRATIONS_DIR).filter((file) => file < '1764000000040');

/**
 * A temporary migrations folder holding `files`: a plain name is today's file, `<commit>/<name>`
 * an earlier text kept in test/history.
 */
export function migrationsDir(files: readonly string[]): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'eventline-migrations-'));
  for (const file of files) {
    copyFileSync(file.includes('/') ? join(HISTORY_DIR, file) : join(MIGRATIONS_DIR, file), join(dir, basename(file)));
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** How every version before checksums migrated: node-pg-migrate alone, nothing recorded. */
export async function migrateWithoutChecksums(databaseUrl: string, dir: string): Promise<string[]> {
  const { runner } = await import('node-pg-migrate');
  const applied = await runner({ databaseUrl, dir, direction: 'up', migrationsTable: MIGRATIONS_TABLE, count: Infinity, singleTransaction: true, log: () => undefined });
  return applied.map((migration) => migration.name);
}
