import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { ChainedAuditRow, DomainEventRow } from '@eventline/audit-projection';

/** Every column of the row type, and only those (the compiler checks both ways): the columns the projection writes. */
const columnsOf =
  <R>() =>
  <const C extends ReadonlyArray<keyof R & string>>(columns: C & (Exclude<keyof R, C[number]> extends never ? unknown : { missing: Exclude<keyof R, C[number]> })) =>
    columns as readonly string[];

const DOMAIN_EVENT_COLUMNS = columnsOf<DomainEventRow>()([
  'event_id',
  'event_type',
  'tenant_id',
  'occurred_at',
  'actor_id',
  'actor_type',
  'entity_type',
  'entity_id',
  'source',
  'schema_version',
  'correlation_id',
  'causation_id',
  'confidence',
  'model',
  'payload',
  'pii_sealed',
  'topic',
  'kafka_partition',
  'kafka_offset',
]);
const AUDIT_LOG_COLUMNS = columnsOf<ChainedAuditRow>()([
  'id',
  'chain_topic',
  'chain_partition',
  'chain_seq',
  'prev_hash',
  'hash',
  'event_id',
  'tenant_id',
  'actor_id',
  'action',
  'entity_type',
  'entity_id',
  'metadata',
  'occurred_at',
  'source',
  'assist_mode',
  'model_name',
  'model_version',
  'input_tokens',
  'output_tokens',
]);

export interface CopyResult {
  rows: number;
  /** From BEGIN to COMMIT of the two COPY FROM STDIN statements. */
  ms: number;
}

/**
 * The baseline of P3: the rows the projection just wrote, read back with COPY TO in PostgreSQL's
 * text format, the two tables emptied, then the same rows written again with COPY FROM STDIN into
 * the same (now empty, as the projection found them) tables in one transaction. Only that write
 * is timed; the columns the projection leaves to defaults (recorded_at and audit_logs.ts) are
 * left to them here too. The bench database is the bench's own, so emptying it is allowed.
 */
export async function copyRun(pool: Pool, expected: number, signal: AbortSignal): Promise<CopyResult> {
  const client = await pool.connect();
  try {
    const domainEvents = await copyOut(client, `COPY (SELECT ${DOMAIN_EVENT_COLUMNS.join(', ')} FROM domain_events) TO STDOUT`);
    const auditLogs = await copyOut(client, `COPY (SELECT ${AUDIT_LOG_COLUMNS.join(', ')} FROM audit_logs) TO STDOUT`);
    await client.query('TRUNCATE domain_events, audit_logs');
    signal.throwIfAborted();
    const started = performance.now();
    await client.query('BEGIN');
    try {
      const copiedEvents = await copyIn(client, `COPY domain_events (${DOMAIN_EVENT_COLUMNS.join(', ')}) FROM STDIN`, domainEvents);
      const copiedLogs = await copyIn(client, `COPY audit_logs (${AUDIT_LOG_COLUMNS.join(', ')}) FROM STDIN`, auditLogs);
      await client.query('COMMIT');
      const ms = performance.now() - started;
      if (copiedEvents !== expected || copiedLogs !== expected) throw new Error(`expected ${expected} rows per table to copy, copied ${copiedEvents} domain_events and ${copiedLogs} audit_logs`);
      return { rows: copiedEvents, ms };
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
