import type { MigrationFile } from './migration-files';

/** A pg Client or Pool. */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** node-pg-migrate's table of applied migrations. */
export const MIGRATIONS_TABLE = 'pgmigrations';
/** Ours: the sha256 of each migration file when it was applied. */
export const CHECKSUMS_TABLE = 'pgmigrations_checksums';

export async function readAppliedNames(db: Queryable): Promise<Set<string>> {
  const { rows: exists } = await db.query<{ present: boolean }>(`SELECT to_regclass('public.${MIGRATIONS_TABLE}') IS NOT NULL AS present`);
  if (!exists[0].present) return new Set();
  const { rows } = await db.query<{ name: string }>(`SELECT name FROM public.${MIGRATIONS_TABLE}`);
  return new Set(rows.map((row) => row.name));
}

export async function ensureChecksumsTable(db: Queryable): Promise<void> {
  await db.query(
    `CREATE TABLE IF NOT EXISTS public.${CHECKSUMS_TABLE} (
       name        text PRIMARY KEY,
       sha256      text NOT NULL,
       recorded_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
}

export async function readRecordedChecksums(db: Queryable): Promise<Map<string, string>> {
  const { rows } = await db.query<{ name: string; sha256: string }>(`SELECT name, sha256 FROM public.${CHECKSUMS_TABLE}`);
  return new Map(rows.map((row) => [row.name, row.sha256]));
}

/** Upserts: a pending migration's row is rewritten until it has been applied (only applied ones are compared). */
export async function recordChecksums(db: Queryable, files: readonly MigrationFile[]): Promise<void> {
  if (files.length === 0) return;
  await db.query(
    `INSERT INTO public.${CHECKSUMS_TABLE} (name, sha256) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (name) DO UPDATE SET sha256 = EXCLUDED.sha256, recorded_at = now()`,
    [files.map((f) => f.name), files.map((f) => f.sha256)],
  );
}
