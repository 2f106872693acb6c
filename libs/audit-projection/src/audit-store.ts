import type { ClientBase } from 'pg';
import type { AuditLogRow, DomainEventRow } from './audit-rows';
import { chainName, chainRows, type ChainedAuditRow, type ChainHead, type ChainKey } from './chain/audit-chain';

/** Each table's columns with their PostgreSQL types, in the order of the unnest arrays. */
const DOMAIN_EVENT_COLUMNS: Record<keyof DomainEventRow, string> = {
  event_id: 'uuid',
  event_type: 'text',
  tenant_id: 'text',
  occurred_at: 'timestamptz',
  actor_id: 'text',
  actor_type: 'text',
  entity_type: 'text',
  entity_id: 'text',
  source: 'text',
  schema_version: 'text',
  correlation_id: 'text',
  causation_id: 'text',
  confidence: 'float8',
  model: 'jsonb',
  payload: 'jsonb',
  pii_sealed: 'jsonb',
  topic: 'text',
  kafka_partition: 'int4',
  kafka_offset: 'int8',
};
const AUDIT_LOG_COLUMNS: Record<keyof ChainedAuditRow, string> = {
  id: 'uuid',
  event_id: 'uuid',
  tenant_id: 'text',
  actor_id: 'text',
  action: 'text',
  entity_type: 'text',
  entity_id: 'text',
  metadata: 'jsonb',
  occurred_at: 'timestamptz',
  source: 'text',
  assist_mode: 'text',
  model_name: 'text',
  model_version: 'text',
  input_tokens: 'int4',
  output_tokens: 'int4',
  chain_topic: 'text',
  chain_partition: 'int4',
  chain_seq: 'int8',
  prev_hash: 'bytea',
  hash: 'bytea',
};

/** The columns the projection writes, per table: what a rebuild compares (nothing is a projection timestamp). */
export const AUDIT_PROJECTION_COLUMNS = { domain_events: Object.keys(DOMAIN_EVENT_COLUMNS), audit_logs: Object.keys(AUDIT_LOG_COLUMNS) };

export interface InsertedAuditRows {
  /** The event ids domain_events gained; the others were there already (a duplicate publish, or a re-delivery). */
  gained: string[];
  auditLogs: number;
}

/**
 * Two statements, set-based whatever the batch size. The first inserts domain_events (ON CONFLICT
 * on event_id makes a re-delivered event a no-op even if the offset guard were bypassed) and reads
 * the head of every chain the batch extends; the second links the new events' audit rows onto
 * those heads and inserts them. Only events domain_events gained get an audit row, so a chain never
 * skips a link; a second writer on the same chain fails on audit_logs_chain instead of forking it.
 */
export async function insertAuditRows(tx: ClientBase, domainEvents: DomainEventRow[], auditLogs: Array<AuditLogRow & ChainKey>): Promise<InsertedAuditRows> {
  if (domainEvents.length === 0 && auditLogs.length === 0) return { gained: [], auditLogs: 0 };
  const { gained, heads } = await insertDomainEvents(tx, domainEvents, auditLogs);
  const fresh = new Set(gained);
  // uuid::text is lower case; a producer may have sent upper case.
  const linked = chainRows(
    auditLogs.filter((row) => fresh.delete(row.event_id.toLowerCase())),
    heads,
  );
  if (linked.length > 0) {
    const params: unknown[][] = [];
    await tx.query(unnestInsert('audit_logs', AUDIT_LOG_COLUMNS, linked, params), params);
  }
  return { gained, auditLogs: linked.length };
}

async function insertDomainEvents(tx: ClientBase, domainEvents: DomainEventRow[], chains: ChainKey[]): Promise<{ gained: string[]; heads: Map<string, ChainHead> }> {
  const params: unknown[][] = [];
  const domain = unnestInsert('domain_events', DOMAIN_EVENT_COLUMNS, domainEvents, params, ' ON CONFLICT (event_id) DO NOTHING');
  const keys = [...new Map(chains.map((key) => [chainName(key), key])).values()];
  params.push(
    keys.map((key) => key.tenant_id),
    keys.map((key) => key.chain_topic),
    keys.map((key) => key.chain_partition),
  );
  const n = params.length;
  const { rows } = await tx.query<{ gained: string[]; heads: Array<ChainKey & { seq: string; hash: string }> }>(
    `WITH de AS (${domain} RETURNING event_id),
     heads AS (
       SELECT k.tenant_id, k.chain_topic, k.chain_partition, h.chain_seq::text AS seq, encode(h.hash, 'hex') AS hash
       FROM unnest($${n - 2}::text[], $${n - 1}::text[], $${n}::int4[]) AS k (tenant_id, chain_topic, chain_partition)
       CROSS JOIN LATERAL (
         SELECT chain_seq, hash FROM audit_logs a
         WHERE a.tenant_id = k.tenant_id AND a.chain_topic = k.chain_topic AND a.chain_partition = k.chain_partition
         ORDER BY chain_seq DESC LIMIT 1
       ) AS h)
     SELECT array(SELECT event_id::text FROM de) AS gained, coalesce((SELECT json_agg(heads) FROM heads), '[]'::json) AS heads`,
    params,
  );
  const heads = new Map(rows[0].heads.map((head) => [chainName(head), { seq: BigInt(head.seq), hash: Buffer.from(head.hash, 'hex') }]));
  return { gained: rows[0].gained, heads };
}

/** One table's INSERT from column arrays, appending its arrays to `params`. */
function unnestInsert<R extends object>(table: string, columns: Record<keyof R, string>, rows: R[], params: unknown[][], onConflict = ''): string {
  const names = Object.keys(columns) as Array<keyof R>;
  const unnest = names.map((name) => {
    params.push(rows.map((row) => row[name]));
    return `$${params.length}::${columns[name]}[]`;
  });
  return `INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${unnest.join(', ')})${onConflict}`;
}
