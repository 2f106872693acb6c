import type { Client } from 'pg';
import { createClient } from './create-pool';
import { listMigrationFiles } from './migration-files';
import { folderName, migrationDirs } from './migration-folders';
import { readAppliedNames, type Queryable } from './migration-records';

/** The schema an app found current: the newest of the migrations it ships, and how many it ships. */
export interface SchemaVersion {
  latest: string | null;
  migrations: number;
}

/**
 * For apps at start: resolves when every migration this code ships (the files of every registered
 * folder, so also the latest of them) has been applied, and rejects naming the missing ones and
 * their folders otherwise. Apps never migrate: that is the privileged `npm run db:migrate`.
 * Migrations a newer release applied are fine (they add to the schema this code needs).
 */
export async function assertSchemaCurrent(db: Queryable | string, dir: string | readonly string[] = migrationDirs()): Promise<SchemaVersion> {
  const shipped = listMigrationFiles(dir);
  const applied = typeof db === 'string' ? await withClient(db, readAppliedNames) : await readAppliedNames(db);
  const missing = shipped.filter((file) => !applied.has(file.name));
  if (missing.length === 0) return { latest: shipped.at(-1)?.name ?? null, migrations: shipped.length };
  const folders = [...new Set(missing.map((f) => folderName(f.dir)))];
  throw new Error(
    `the database schema is not current: ${missing.length} migration(s) not applied: ${missing.map((f) => f.name).join(', ')} (in ${folders.join(', ')}). ` +
      'Run `npm run db:migrate` (the separate, privileged migration step), then start the app again.',
  );
}

async function withClient<T>(databaseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = createClient({ connectionString: databaseUrl, applicationName: 'eventline-schema-check' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
