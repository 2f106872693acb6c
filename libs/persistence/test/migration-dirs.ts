import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { listMigrationFiles } from '../src/migration-files';
import { MIGRATIONS_TABLE } from '../src/migration-records';

export const HISTORY_DIR = join(__dirname, 'history');

/** Today's migration files of every registered folder, in the order they are applied. */
export const SHIPPED_FILES = listMigrationFiles();

/** The project's migrations that existed before this release's reconciling ones (…040 and later). */
export const ORIGINAL_MIGRATIONS = SHIPPED_FILES.map((file) => file.fileName).filter((file) => file < '1764000000040');

/**
 * A temporary migrations folder holding `files`: a plain name is today's file (from whichever
 * registered folder holds it), `<commit>/<name>` an earlier text kept in test/history.
 */
export function migrationsDir(files: readonly string[]): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'eventline-migrations-'));
  for (const file of files) copyFileSync(file.includes('/') ? join(HISTORY_DIR, file) : shippedPath(file), join(dir, basename(file)));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function shippedPath(fileName: string): string {
  const file = SHIPPED_FILES.find((candidate) => candidate.fileName === fileName);
  if (!file) throw new Error(`no shipped migration named ${fileName}`);
  return join(file.dir, file.fileName);
}

/** How every version before checksums migrated: node-pg-migrate alone, nothing recorded. */
export async function migrateWithoutChecksums(databaseUrl: string, dir: string): Promise<string[]> {
  const { runner } = await import('node-pg-migrate');
  const applied = await runner({ databaseUrl, dir, direction: 'up', migrationsTable: MIGRATIONS_TABLE, count: Infinity, singleTransaction: true, log: () => undefined });
  return applied.map((migration) => migration.name);
}
