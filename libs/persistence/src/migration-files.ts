import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

export const MIGRATIONS_DIR = join(__dirname, '..', 'migrations');

export interface MigrationFile {
  /** node-pg-migrate's name for it: the file name without its extension. */
  name: string;
  fileName: string;
  sha256: string;
}

/**
 * The migration files of `dir` as node-pg-migrate finds them (every file not starting with a dot),
 * sorted by name: their timestamp prefixes have one width, so that is also the order it applies them.
 */
export function listMigrationFiles(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort()
    .map((fileName) => ({ name: basename(fileName, extname(fileName)), fileName, sha256: sha256(readFileSync(join(dir, fileName))) }));
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
