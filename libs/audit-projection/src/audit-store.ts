import type { ClientBase } from 'pg';
import type { AuditLogRow, DomainEventRow } from './audit-rows';

/**
 * Set-based writes: one INSERT … SELECT FROM unnest(…) per table per batch. ON CONFLICT on
 * event_id makes a re-delivered event a no-op even if the offset guard were bypassed; the event
 * ids the table gained are returned, so the others (a duplicate publish, or a re-delivery) can be named.
 */
export async function insertDomainEvents(tx: ClientBase, rows: DomainEventRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]) as Array<keyof DomainEventRow>;
  const types = ['uuid', 'text', 'text', 'timestamptz', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'float8', 'jsonb', 'jsonb', 'text', 'int4', 'int8'];
  const result = await insertUnnest(tx, 'domain_events', columns, types, rows, ' RETURNING event_id');
  return result.rows.map((row) => String(row.event_id));
}

export async function insertAuditLogs(tx: ClientBase, rows: AuditLogRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = Object.keys(rows[0]) as Array<keyof AuditLogRow>;
  const types = ['uuid', 'text', 'text', 'text', 'text', 'text', 'jsonb', 'timestamptz', 'text', 'text', 'text', 'text', 'int4', 'int4'];
  return (await insertUnnest(tx, 'audit_logs', columns, types, rows)).rowCount ?? 0;
}

function insertUnnest<R extends object>(tx: ClientBase, table: string, columns: Array<keyof R>, types: string[], rows: R[], returning = '') {
  const arrays = columns.map((column) => rows.map((row) => row[column]));
  const unnest = types.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
  return tx.query(`INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${unnest}) ON CONFLICT (event_id) DO NOTHING${returning}`, arrays);
}
