import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '@eventline/persistence';
import type { RebuildableProjection } from './rebuildable-projection';

/**
 * Empty copies of a projection's tables in a schema of their own (`rebuild_<projection>_<time>_<4 hex>`),
 * with the live tables' defaults, constraints and indexes (the chain's uniqueness included).
 * Work done in `transaction` sees the copies under the tables' own names (search_path), so the
 * projector's code writes them unchanged.
 */
export class ShadowSchema {
  private constructor(
    readonly name: string,
    readonly liveSchema: string,
  ) {}

  static async create(pool: Pool, projection: RebuildableProjection, now = new Date()): Promise<ShadowSchema> {
    // Milliseconds and a random tail: two rebuilds started together get schemas of their own.
    const name = `rebuild_${projection.name}_${now.toISOString().replace(/\D/g, '').slice(0, 17)}_${randomBytes(2).toString('hex')}`;
    const { rows } = await pool.query<{ schema: string }>('SELECT quote_ident(current_schema()) AS schema');
    const shadow = new ShadowSchema(name, rows[0].schema);
    await pool.query(`CREATE SCHEMA ${name}`);
    for (const table of projection.tables) {
      await pool.query(`CREATE TABLE ${name}.${table.name} (LIKE ${shadow.liveSchema}.${table.name} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    }
    return shadow;
  }

  transaction<T>(pool: Pool, work: (tx: PoolClient) => Promise<T>): Promise<T> {
    return withTransaction(pool, async (tx) => {
      await tx.query(`SET LOCAL search_path = ${this.name}, ${this.liveSchema}`);
      return work(tx);
    });
  }

  drop(pool: Pool): Promise<unknown> {
    return pool.query(`DROP SCHEMA IF EXISTS ${this.name} CASCADE`);
  }
}
