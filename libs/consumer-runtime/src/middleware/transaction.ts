import type { Pool } from 'pg';
import { withTransaction } from '@eventline/persistence';
import type { Middleware } from '../context';

/** One database transaction around the rest of the chain: rows and offsets commit together, or neither does. */
export function inTransaction(pool: Pool): Middleware {
  return async (context, next) => {
    try {
      await withTransaction(pool, async (client) => {
        context.tx = client;
        await next();
      });
    } finally {
      context.tx = undefined;
    }
  };
}
