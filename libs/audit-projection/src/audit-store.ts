import type { ClientBase } from 'pg';
import type { AuditLogRow, DomainEventRow } from './audit-rows';

/** Each table's columns with their PostgreSQL types, in the order of the unnest arrays. */
const DOMAIN_EVENT_COLUMNS: Record<keyof DomainEventRow, string> = {
  event_id: 'uuid', event_type: 'text', tenant_id: 'text', occurred_at: 'timestamptz', actor_id: 'text', actor_type: 'text',
  entity_type: 'text', entity_id: 'text', source: 'text', schema_version: 'text', correlation_id: 'text', causation_id: 'text',
  confidence: 'float8', model: 'jsonb', payload: 'jsonb', topic: 'text', kafka_partition: 'int4', kafka_offset: 'int8',
};
const AUDIT_LOG_COLUMNS: Record<keyof AuditLogRow, string> = {
  event_id: 'uuid', tenant_id: 'text', actor_id: 'text', action: 'text', entity_type: 'text', entity_id: 'text', metadata: 'jsonb',
  occurred_at: 'timestamptz', source: 'text', assist_mode: 'text', model_name: 'text', model_version: 'text', input_tokens: 'int4', output_tokens: 'int4',
};

export interface InsertedAuditRows {
  /** The event ids domain_events gained; the others were there already (a duplicate publish, or a re-delivery). */
  gained: string[];
  auditLogs: number;
}

/**
 * Both tables in one statement, one round trip: INSERT … SELECT FROM unnest(…) per table, as two
 * data-modifying CTEs of one query, set-based whatever the batch size. ON CONFLICT on event_id
 * makes a re-delivered event a no-op even if the offset guard were bypassed.
 */
export async function insertAuditRows(tx: ClientBase, domainEvents: DomainEventRow[], auditLogs: AuditLogRow[]): Promise<InsertedAuditRows> {
  if (domainEvents.length === 0 && auditLogs.length === 0) return { gained: [], auditLogs: 0 };
  const params: unknown[][] = [];
  const domain = unnestInsert('domain_events', DOMAIN_EVENT_COLUMNS, domainEvents, params);
  const audit = unnestInsert('audit_logs', AUDIT_LOG_COLUMNS, auditLogs, params);
  const { rows } = await tx.query<{ gained: string[]; audit_logs: number }>(
    `WITH de AS (${domain} RETURNING event_id), al AS (${audit} RETURNING 1)
     SELECT array(SELECT event_id::text FROM de) AS gained, (SELECT count(*) FROM al)::int AS audit_logs`,
    params,
  );
  return { gained: rows[0].gained, auditLogs: rows[0].audit_logs };
}

/** One table's INSERT from column arrays, appending its arrays to `params`. */
function unnestInsert<R extends object>(table: string, columns: Record<keyof R, string>, rows: R[], params: unknown[][]): string {
  const names = Object.keys(columns) as Array<keyof R>;
  const unnest = names.map((name) => {
    params.push(rows.map((row) => row[name]));
    return `$${params.length}::${columns[name]}[]`;
  });
  return `INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${unnest.join(', ')}) ON CONFLICT (event_id) DO NOTHING`;
}
