import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { migrationDirs } from './migration-folders';

export interface MigrationFile {
  /** node-pg-migrate's name for it: the file name without its extension. */
  name: string;
  fileName: string;
  /** The folder it was found in. */
  dir: string;
  sha256: string;
}

/**
 * The migration files of every folder (the registered ones by default, or `dirs`) as node-pg-migrate
 * finds them in each (every file not starting with a dot), in the one order it applies them: by the
 * number their name starts with, then by name. Two files of one name, or of one number, in any of the
 * folders are refused: node-pg-migrate knows a migration by its name alone, and the order of two of
 * one number would depend on their names, not on when they were written.
 */
export function listMigrationFiles(dirs: string | readonly string[] = migrationDirs()): MigrationFile[] {
  const files = (typeof dirs === 'string' ? [dirs] : dirs).flatMap(filesOf);
  refuseClashes(files);
  return files.sort(byOrderOfApplying);
}

function filesOf(dir: string): MigrationFile[] {
  if (!existsSync(dir)) throw new Error(`migration folder ${dir} does not exist: a registered folder (libs/persistence/src/migration-folders.ts) must ship with the code`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && !entry.name.startsWith('.'))
    .map(({ name: fileName }) => ({ name: basename(fileName, extname(fileName)), fileName, dir, sha256: sha256(readFileSync(join(dir, fileName))) }));
}

function refuseClashes(files: readonly MigrationFile[]): void {
  const seen = new Map<string, MigrationFile>();
  for (const file of files) {
    for (const key of [`name ${file.name}`, `number ${prefixOf(file)}`]) {
      const other = seen.get(key);
      if (other) throw new Error(`two migrations share the ${key}: ${join(other.dir, other.fileName)} and ${join(file.dir, file.fileName)}; give the newer one a number of its own`);
      seen.set(key, file);
    }
  }
}

function prefixOf(file: MigrationFile): bigint {
  const digits = /^\d+/.exec(file.fileName)?.[0];
  if (!digits) throw new Error(`migration ${join(file.dir, file.fileName)} has no timestamp prefix: its name must start with the number that orders it`);
  return BigInt(digits);
}

function byOrderOfApplying(a: MigrationFile, b: MigrationFile): number {
  const [pa, pb] = [prefixOf(a), prefixOf(b)];
  return pa === pb ? a.name.localeCompare(b.name) : pa < pb ? -1 : 1;
}

/**
 * node-pg-migrate reads one folder: this is one folder of symbolic links to `files`, which it
 * reads as it reads the files themselves (same names, same contents). Remove it after the run.
 */
export function linkedMigrationsDir(files: readonly MigrationFile[]): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'eventline-migrations-'));
  try {
    for (const file of files) symlinkSync(resolve(file.dir, file.fileName), join(dir, file.fileName));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
