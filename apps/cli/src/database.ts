import type { Pool } from 'pg';
import { connectionFailureReason, createPool, isDatabaseUnavailable } from '@eventline/persistence';
import type { CliContext } from './context';
import { CliError } from './errors';

/**
 * Runs `work` with a pool of `connections` (one by default), closed afterwards so the command exits promptly. A
 * database that is down or restarting becomes one line for the person at the terminal, not a
 * stack trace.
 */
export async function withDatabase<T>(context: CliContext, work: (pool: Pool) => Promise<T>, connections = 1): Promise<T> {
  const databaseUrl = context.endpoints.databaseUrl;
  const pool = createPool({ connectionString: databaseUrl, max: connections, applicationName: 'eventline-cli' });
  try {
    return await work(pool);
  } catch (error) {
    throw asCliError(error, databaseUrl);
  } finally {
    await pool.end().catch(() => undefined);
  }
}

/** An unavailable database as one line for the terminal; any other error unchanged. */
export function asCliError(error: unknown, databaseUrl: string): unknown {
  if (!isDatabaseUnavailable(error)) return error;
  return new CliError(`PostgreSQL at ${where(databaseUrl)} is not available (${connectionFailureReason(error)}). Start it (npm run stack:up) or check DATABASE_URL, then run the command again.`);
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

/**
 * Commands that act on every tenant's rows (erase, retention, rebuild) need a role that bypasses
 * row-level security: it is forced on the tenant tables, so any other role, their owner included,
 * would see no rows and silently change nothing.
 */
export async function requireRlsBypass(pool: Pool, command: string): Promise<void> {
  const { rows } = await pool.query<{ name: string; bypass: boolean }>('SELECT current_user AS name, rolsuper OR rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user');
  if (rows[0]?.bypass) return;
  throw new CliError(
    `${command} acts on every tenant's rows, and row-level security is forced on them: connect (DATABASE_URL) as a role with BYPASSRLS or a superuser; ${rows[0]?.name ?? 'this role'} is neither`,
  );
}
