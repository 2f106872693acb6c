import { Pool } from 'pg';
import { ApiKeyStore } from '@eventline/api-keys';
import type { CliContext } from '../context';

/** Runs `work` with a key store whose pool is closed afterwards, so the command can exit promptly. */
export async function withKeyStore<T>(context: CliContext, work: (store: ApiKeyStore) => Promise<T>): Promise<T> {
  const pool = new Pool({ connectionString: context.endpoints.databaseUrl, max: 1 });
  try {
    return await work(new ApiKeyStore(pool));
  } finally {
    await pool.end();
  }
}
