import type { Client } from 'pg';
import { createClient } from './create-pool';
import { listMigrationFiles, MIGRATIONS_DIR } from './migration-files';
import { readAppliedNames, type Queryable } from './migration-records';

/**
 * For apps at start: resolves when every migration this code ships has been applied, and rejects
 * naming the missing ones otherwise. Apps never migrate: that is the privileged `npm run db:migrate`.
 * Migrations a newer release applied are fine (they add to the schema this code needs).
 */
export async function assertSchemaCurrent(db: Queryable | string, dir: string = MIGRATIONS_DIR): Promise<void> {
  const applied = typeof db === 'string' ? await withClient(db, readAppliedNames) : await readAppliedNames(db);
  const missing = listMigrationFiles(dir).filter((file) => !applied.has(file.name));
  if (missing.length === 0) return;
  throw new Error(
    `the database schema is not current: ${missing.length} migration(s) not applied: ${missing.map((f) => f.name).join(', ')}. ` +
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
