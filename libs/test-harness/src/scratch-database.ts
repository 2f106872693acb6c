import { Client } from 'pg';

export interface ScratchDatabase {
  url: string;
  /** Names of the tables in its public schema, to show what something created there. */
  tables(): Promise<string[]>;
  drop(): Promise<void>;
}

/** A throwaway database on the server of `databaseUrl`, for one test. */
export async function createScratchDatabase(databaseUrl: string): Promise<ScratchDatabase> {
  const name = `eventline_scratch_${Math.random().toString(36).slice(2, 10)}`;
  await onServer(databaseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    tables: async () => (await onServer(url.toString(), "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).map((row) => String(row.tablename)),
    drop: async () => void (await onServer(databaseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

async function onServer(databaseUrl: string, sql: string): Promise<Record<string, unknown>[]> {
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    return (await admin.query(sql)).rows;
  } finally {
    await admin.end();
  }
}
