import type { Pool } from 'pg';
import type { Middleware } from '../context';

/** One database transaction around the rest of the chain: rows and offsets commit together, or neither does. */
export function inTransaction(pool: Pool): Middleware {
  return async (context, next) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      context.tx = client;
      await next();
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      context.tx = undefined;
      client.release();
    }
  };
}
