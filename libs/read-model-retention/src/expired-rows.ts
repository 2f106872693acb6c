import { escapeIdentifier } from 'pg';
import type { RetentionPolicy } from './policies';

/**
 * The rows a policy may delete at `cutoffAt`, as SQL over `FROM <table> AS r` with parameters
 * $1 (the cutoff) and $2 (the policy's tenant, or '*'). A row without an age (NULL) is kept. A
 * tenant with a legal hold in force is skipped: the hold is read by every statement, so one
 * placed during a run applies from the next batch.
 */
export interface ExpiredRows {
  table: string;
  ageColumn: string;
  idColumn: string;
  where: string;
  params: [Date, string];
}

const HELD = 'EXISTS (SELECT 1 FROM legal_holds h WHERE h.tenant_id = r.tenant_id AND h.released_at IS NULL)';

export function expiredRows(policy: RetentionPolicy, cutoffAt: Date): ExpiredRows {
  const [table, ageColumn, idColumn] = [policy.table, policy.ageColumn, policy.idColumn].map(escapeIdentifier);
  return { table, ageColumn, idColumn, where: `r.${ageColumn} < $1 AND ($2 = '*' OR r.tenant_id = $2) AND NOT ${HELD}`, params: [cutoffAt, policy.tenantId] };
}

/** The same rows, but only those a legal hold keeps. */
export function heldRowsWhere(rows: ExpiredRows): string {
  return `r.${rows.ageColumn} < $1 AND ($2 = '*' OR r.tenant_id = $2) AND ${HELD}`;
}
