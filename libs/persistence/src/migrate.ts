import { PG_MIGRATE_LOCK_ID, runner } from 'node-pg-migrate';
import type { Client } from 'pg';
import { createClient, type PoolLogger } from './create-pool';
import { editedMigrationsMessage, reviewChecksums } from './checksum-review';
import { linkedMigrationsDir, listMigrationFiles, type MigrationFile } from './migration-files';
import { migrationDirs } from './migration-folders';
import { ensureChecksumsTable, MIGRATIONS_TABLE, readAppliedNames, readRecordedChecksums, recordChecksums } from './migration-records';

export interface MigrateOptions {
  /** The folder(s) of migration files; the registered ones (MIGRATION_FOLDERS) by default. */
  dir?: string | readonly string[];
  log?: (message: string) => void;
  /** How long to wait while another process migrates the same database. */
  waitForLockMs?: number;
}

/** A broken connection already fails the migration's query in hand, which the caller reports. */
const silent: PoolLogger = { warn: () => undefined };

/**
 * Applies pending migrations (node-pg-migrate, the SQL files of every registered folder, in one
 * order by timestamp prefix, recorded in one migrations table) once
 * every applied one is found unchanged: an applied file whose sha256 differs from the one recorded
 * when it was applied stops the run before anything is applied. This is the privileged step
 * (`npm run db:migrate`); apps only check the schema (assertSchemaCurrent).
 */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<string[]> {
  const { dir = migrationDirs(), log = () => undefined, waitForLockMs = 60_000 } = options;
  // Read (and checked for clashing names) before connecting: a broken checkout fails without a session.
  const files = listMigrationFiles(dir);
  const client = createClient({ connectionString: databaseUrl, applicationName: 'eventline-migrate', logger: silent });
  await client.connect();
  try {
    // node-pg-migrate's own lock id, held across the checksum review and the run, so concurrent
    // callers (and older versions, which take the same lock) migrate one after another.
    await takeLock(client, PG_MIGRATE_LOCK_ID, waitForLockMs);
    await reviewAndRecordChecksums(client, files, log);
    return await runLinked(client, files);
  } finally {
    // Ending the session releases the advisory lock.
    await client.end();
  }
}

/** node-pg-migrate reads one folder: it gets a folder of links to the files of all of them. */
async function runLinked(client: Client, files: readonly MigrationFile[]): Promise<string[]> {
  const linked = linkedMigrationsDir(files);
  try {
    const applied = await runner({
      dbClient: client,
      noLock: true,
      dir: linked.dir,
      direction: 'up',
      migrationsTable: MIGRATIONS_TABLE,
      count: Infinity,
      singleTransaction: true,
      checkOrder: true,
      // Its progress lines would repeat what the caller reports from the names returned.
      log: () => undefined,
      verbose: false,
    });
    return applied.map((migration) => migration.name);
  } finally {
    linked.remove();
  }
}

async function takeLock(client: Client, lockId: number, waitForLockMs: number): Promise<void> {
  await client.query(`SET lock_timeout = ${Math.max(1, Math.floor(waitForLockMs))}`);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [lockId]);
  } catch (error) {
    if ((error as { code?: string }).code !== '55P03') throw error;
    throw new Error(`another migration held the migration lock for more than ${waitForLockMs} ms`, { cause: error });
  }
  await client.query('RESET lock_timeout');
}

async function reviewAndRecordChecksums(client: Client, files: readonly MigrationFile[], log: (message: string) => void): Promise<void> {
  await ensureChecksumsTable(client);
  const review = reviewChecksums(files, await readAppliedNames(client), await readRecordedChecksums(client));
  if (review.edited.length > 0) throw new Error(editedMigrationsMessage(review.edited));
  for (const { fileName, version } of review.superseded) {
    log(`${fileName} was applied in its text of ${version.commit}; ${version.supersededBy} brings that schema up to date`);
  }
  if (review.unrecorded.length > 0) {
    log(`recorded the checksums of ${review.unrecorded.length} migration(s) applied before checksums were kept: ${review.unrecorded.map((f) => f.name).join(', ')}`);
  }
  // Pending ones are recorded before they run, under the lock: a crash right after the run's commit
  // cannot leave an applied migration unrecorded. A row of one that then fails is rewritten next run.
  await recordChecksums(client, [...review.unrecorded, ...review.pending]);
}
