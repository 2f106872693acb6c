import type { Pool } from 'pg';

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rows: number;
}

/**
 * Publish-to-visible latency per event, in milliseconds, computed in PostgreSQL: from the
 * envelope's occurred_at (stamped by the publisher SDK when the event is published) to
 * domain_events.recorded_at (now() of the projection's transaction).
 */
export async function measureLatency(pool: Pool, tenants: string[]): Promise<Latency> {
  const { rows } = await pool.query<{ p: number[]; max: number; rows: number }>(
    `SELECT percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY ms) AS p, max(ms) AS max, count(*)::int AS rows
       FROM (SELECT (extract(epoch FROM recorded_at - occurred_at) * 1000)::float8 AS ms FROM domain_events WHERE tenant_id = ANY($1)) AS latency`,
    [tenants],
  );
  const [p50, p95, p99] = rows[0].p ?? [NaN, NaN, NaN];
  return { p50, p95, p99, max: rows[0].max, rows: rows[0].rows };
}
