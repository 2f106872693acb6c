import { ApiKeyStore } from '@eventline/api-keys';
import type { CliContext } from '../context';
import { withDatabase } from '../database';

/** Runs `work` with a key store whose pool is closed afterwards, so the command can exit promptly. */
export function withKeyStore<T>(context: CliContext, work: (store: ApiKeyStore) => Promise<T>): Promise<T> {
  return withDatabase(context, (pool) => work(new ApiKeyStore(pool)));
}
