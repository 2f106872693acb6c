import type { Pool } from 'pg';
import { connectionFailureReason, createPool, isDatabaseUnavailable } from '@eventline/persistence';
import type { CliContext } from './context';
import { CliError } from './errors';

/**
 * Runs `work` with a one-connection pool, closed afterwards so the command exits promptly. A
 * database that is down or restarting becomes one line for the person at the terminal, not a
 * stack trace.
 */
export async function withDatabase<T>(context: CliContext, work: (pool: Pool) => Promise<T>): Promise<T> {
  const databaseUrl = context.endpoints.databaseUrl;
  const pool = createPool({ connectionString: databaseUrl, max: 1, applicationName: 'eventline-cli' });
  try {
    return await work(pool);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    throw new CliError(`PostgreSQL at ${where(databaseUrl)} is not available (${connectionFailureReason(error)}). Start it (npm run stack:up) or check DATABASE_URL, then run the command again.`);
  } finally {
    await pool.end().catch(() => undefined);
  }
}

/** Host, port and database; never the credentials. */
function where(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
