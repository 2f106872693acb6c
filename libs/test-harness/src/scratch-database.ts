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
    drop: async () => {
      await closedConnections(databaseUrl, name);
      await onServer(databaseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/**
 * pg's pool.end() resolves before its connections have closed. Dropping WITH (FORCE) at once
 * terminates them, and the terminated pool reports it as an unhandled 'error' in whatever test
 * runs then. So the drop waits (up to 2.5 s) for the connections to go; any left are forced.
 */
async function closedConnections(databaseUrl: string, name: string): Promise<void> {
  for (let waited = 0; waited < 2_500; waited += 50) {
    const [{ n }] = await onServer(databaseUrl, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = '${name}'`);
    if (n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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
