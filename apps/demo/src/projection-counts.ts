import type { Pool } from 'pg';

export const PROJECTION_TABLES = ['domain_events', 'audit_logs', 'usage_records', 'notifications', 'moderation_cases'] as const;
export type ProjectionCounts = Record<(typeof PROJECTION_TABLES)[number], number>;

/** Rows of the demo tenants in each read model. */
export async function projectionCounts(pool: Pool, tenants: string[]): Promise<ProjectionCounts> {
  const counts = await Promise.all(PROJECTION_TABLES.map(async (table) => Number((await pool.query(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = ANY($1)`, [tenants])).rows[0].n)));
  return Object.fromEntries(PROJECTION_TABLES.map((table, i) => [table, counts[i]])) as ProjectionCounts;
}

export function delta(now: ProjectionCounts, base: ProjectionCounts): ProjectionCounts {
  return Object.fromEntries(PROJECTION_TABLES.map((table) => [table, now[table] - base[table]])) as ProjectionCounts;
}

export function formatCounts(counts: ProjectionCounts): string {
  return PROJECTION_TABLES.map((table) => `${table} ${counts[table]}`).join(' · ');
}
