import { Client, type Pool } from 'pg';
import { createPool, migrate } from '@eventline/persistence';

export interface BenchDatabase {
  name: string;
  url: string;
  pool: Pool;
  /** Empties the projection's tables and the stored offsets between runs: this database is the bench's own. */
  truncateProjection(): Promise<void>;
  drop(): Promise<void>;
}

/**
 * A database of the bench's own on the platform's PostgreSQL server, migrated like the
 * platform's (db:migrate's code), so the projection writes the same tables with the same indexes
 * and the platform's audit tables are never written or deleted from.
 */
export async function createBenchDatabase(platformUrl: string, name: string): Promise<BenchDatabase> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bench database name "${name}" must be lower-case letters, digits and _`);
  await onServer(platformUrl, `CREATE DATABASE ${name}`);
  const url = new URL(platformUrl);
  url.pathname = `/${name}`;
  let pool: Pool | undefined;
  const drop = async () => {
    await pool?.end().catch(() => undefined);
    await onServer(platformUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  try {
    await migrate(url.toString());
    pool = createPool({ applicationName: 'eventline-bench', connectionString: url.toString(), max: 12 });
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
  const ready = pool;
  return {
    name,
    url: url.toString(),
    pool: ready,
    truncateProjection: async () => void (await ready.query('TRUNCATE domain_events, audit_logs, consumer_offsets')),
    drop,
  };
}

export async function listBenchDatabases(platformUrl: string, pattern: string): Promise<string[]> {
  const client = new Client({ connectionString: platformUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [pattern]);
    return rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

async function onServer(databaseUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
