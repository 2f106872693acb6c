import type { Pool } from 'pg';

export interface ProjectionCounts {
  domainEvents: number;
  auditLogs: number;
  distinctDomainEvents: number;
  distinctAuditLogs: number;
}

/** Rows and distinct event ids the audit projection holds for these tenants. */
export async function auditCounts(pool: Pool, tenants: string[]): Promise<ProjectionCounts> {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM domain_events WHERE tenant_id = ANY($1)) AS domain_events,
            (SELECT count(DISTINCT event_id) FROM domain_events WHERE tenant_id = ANY($1)) AS distinct_domain_events,
            (SELECT count(*) FROM audit_logs WHERE tenant_id = ANY($1)) AS audit_logs,
            (SELECT count(DISTINCT event_id) FROM audit_logs WHERE tenant_id = ANY($1)) AS distinct_audit_logs`,
    [tenants],
  );
  const row = rows[0];
  return {
    domainEvents: Number(row.domain_events),
    auditLogs: Number(row.audit_logs),
    distinctDomainEvents: Number(row.distinct_domain_events),
    distinctAuditLogs: Number(row.distinct_audit_logs),
  };
}

/** The acknowledged event ids that a table lacks: lost events. */
export async function missingEventIds(pool: Pool, table: 'domain_events' | 'audit_logs', eventIds: string[]): Promise<string[]> {
  const { rows } = await pool.query(`SELECT id FROM unnest($1::uuid[]) AS id WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.event_id = id)`, [eventIds]);
  return rows.map((row) => String(row.id));
}
