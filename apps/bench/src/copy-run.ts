import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { AuditLogRow, DomainEventRow } from '@eventline/audit-projection';
import type { BenchNames } from './setup';

/** Every column of the row type, and only those (the compiler checks both ways): the columns the projection writes. */
const columnsOf =
  <R>() =>
  <const C extends ReadonlyArray<keyof R & string>>(columns: C & (Exclude<keyof R, C[number]> extends never ? unknown : { missing: Exclude<keyof R, C[number]> })) =>
    columns as readonly string[];

const DOMAIN_EVENT_COLUMNS = columnsOf<DomainEventRow>()([
  'event_id', 'event_type', 'tenant_id', 'occurred_at', 'actor_id', 'actor_type', 'entity_type', 'entity_id', 'source',
  'schema_version', 'correlation_id', 'causation_id', 'confidence', 'model', 'payload', 'topic', 'kafka_partition', 'kafka_offset',
]);
const AUDIT_LOG_COLUMNS = columnsOf<AuditLogRow>()([
  'event_id', 'tenant_id', 'actor_id', 'action', 'entity_type', 'entity_id', 'metadata', 'occurred_at', 'source',
  'assist_mode', 'model_name', 'model_version', 'input_tokens', 'output_tokens',
]);

export interface CopyResult {
  domainEvents: number;
  auditLogs: number;
  /** From BEGIN to COMMIT of the two COPY FROM STDIN statements. */
  ms: number;
}

/**
 * The baseline: the rows the projection wrote for the bench tenants, read back with COPY TO in
 * PostgreSQL's text format, given fresh event_ids (one per event, shared by its two rows) and the
 * tenant's copy twin, then written again with COPY FROM STDIN into the same two tables, in one
 * transaction. Only that write is timed; the columns the projection leaves to defaults
 * (recorded_at, audit_logs.id and ts) are left to them here too.
 */
export async function copyRun(pool: Pool, names: BenchNames, expected: number, signal: AbortSignal): Promise<CopyResult> {
  const client = await pool.connect();
  try {
    const list = names.tenants.map((tenant) => client.escapeLiteral(tenant)).join(', ');
    const twin = new Map(names.tenants.map((tenant, i) => [tenant, names.copyTenants[i]]));
    const eventIds = new Map<string, string>();
    const fresh = (eventId: string) => eventIds.get(eventId) ?? eventIds.set(eventId, randomUUID()).get(eventId)!;
    const edit = (columns: readonly string[]) => {
      const id = columns.indexOf('event_id');
      const tenant = columns.indexOf('tenant_id');
      return (fields: string[]) => {
        fields[id] = fresh(fields[id]);
        fields[tenant] = twin.get(fields[tenant]) ?? fields[tenant];
      };
    };
    const domainEvents = rewrite(await copyOut(client, `COPY (SELECT ${DOMAIN_EVENT_COLUMNS.join(', ')} FROM domain_events WHERE tenant_id IN (${list})) TO STDOUT`), edit(DOMAIN_EVENT_COLUMNS));
    const auditLogs = rewrite(await copyOut(client, `COPY (SELECT ${AUDIT_LOG_COLUMNS.join(', ')} FROM audit_logs WHERE tenant_id IN (${list})) TO STDOUT`), edit(AUDIT_LOG_COLUMNS));
    if (domainEvents.rows !== expected || auditLogs.rows !== expected) {
      throw new Error(`expected ${expected} rows per table to copy, found ${domainEvents.rows} domain_events and ${auditLogs.rows} audit_logs`);
    }

    signal.throwIfAborted();
    const started = performance.now();
    await client.query('BEGIN');
    try {
      const copiedEvents = await copyIn(client, `COPY domain_events (${DOMAIN_EVENT_COLUMNS.join(', ')}) FROM STDIN`, domainEvents.data);
      const copiedLogs = await copyIn(client, `COPY audit_logs (${AUDIT_LOG_COLUMNS.join(', ')}) FROM STDIN`, auditLogs.data);
      await client.query('COMMIT');
      return { domainEvents: copiedEvents, auditLogs: copiedLogs, ms: performance.now() - started };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    client.release();
  }
}

async function copyOut(client: PoolClient, sql: string): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of client.query(copyTo(sql))) chunks.push(chunk as Buffer);
  return chunks;
}

async function copyIn(client: PoolClient, sql: string, data: Buffer[]): Promise<number> {
  const stream = client.query(copyFrom(sql));
  await pipeline(Readable.from(data), stream);
  return stream.rowCount;
}

/**
 * Edits COPY text rows field by field. Fields are tab-separated and rows newline-terminated; tabs,
 * newlines and backslashes inside values arrive escaped, so splitting on them is exact, and the
 * edited fields (uuids, bench tenant names) need no escaping. Output comes in chunks of rows.
 */
function rewrite(chunks: Buffer[], edit: (fields: string[]) => void, rowsPerChunk = 5_000): { data: Buffer[]; rows: number } {
  const decoder = new StringDecoder('utf8');
  const data: Buffer[] = [];
  let lines: string[] = [];
  let carry = '';
  let rows = 0;
  const emit = () => {
    if (lines.length > 0) data.push(Buffer.from(lines.join(''), 'utf8'));
    lines = [];
  };
  for (const chunk of chunks) {
    const rowsInChunk = (carry + decoder.write(chunk)).split('\n');
    carry = rowsInChunk.pop()!;
    for (const row of rowsInChunk) {
      const fields = row.split('\t');
      edit(fields);
      lines.push(`${fields.join('\t')}\n`);
      rows++;
      if (lines.length >= rowsPerChunk) emit();
    }
  }
  if (carry + decoder.end() !== '') throw new Error('COPY TO output did not end with a newline');
  emit();
  return { data, rows };
}
