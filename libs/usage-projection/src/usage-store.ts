import type { ClientBase } from 'pg';
import type { UsageRecordRow } from './usage-rows';

export const USAGE_RECORD_COLUMNS: Array<keyof UsageRecordRow> = [
  'event_id',
  'event_type',
  'tenant_id',
  'user_id',
  'ts',
  'assist_mode',
  'model_name',
  'model_version',
  'input_tokens',
  'output_tokens',
  'status',
  'latency_ms',
];
const TYPES = ['uuid', 'text', 'text', 'text', 'timestamptz', 'text', 'text', 'text', 'int4', 'int4', 'text', 'int4'];

/** What one batch changed: records actually inserted (redeliveries excluded) and rollup rows touched. */
export interface UsageWriteResult {
  records: number;
  dailyRows: number;
}

/**
 * One statement per batch: a set-based insert from unnest(…) whose RETURNING feeds the daily
 * upsert, so usage_daily only ever adds rows that usage_records really gained: an event delivered
 * twice hits ON CONFLICT (event_id) DO NOTHING, returns nothing, and adds nothing. Rollup keys are
 * upserted in key order so two instances writing the same tenant's day lock rows in the same order.
 */
export async function recordUsage(tx: ClientBase, rows: UsageRecordRow[]): Promise<UsageWriteResult> {
  if (rows.length === 0) return { records: 0, dailyRows: 0 };
  const arrays = USAGE_RECORD_COLUMNS.map((column) => rows.map((row) => row[column]));
  const unnest = TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
  const {
    rows: [result],
  } = await tx.query(
    `WITH inserted AS (
       INSERT INTO usage_records (${USAGE_RECORD_COLUMNS.join(', ')})
       SELECT * FROM unnest(${unnest})
       ON CONFLICT (event_id) DO NOTHING
       RETURNING tenant_id, ts, model_name, user_id, input_tokens, output_tokens
     ), rolled AS (
       INSERT INTO usage_daily AS d (tenant_id, day, model_name, user_id, events, input_tokens, output_tokens)
       SELECT tenant_id, (ts AT TIME ZONE 'UTC')::date, model_name, user_id, count(*), sum(input_tokens), sum(output_tokens)
         FROM inserted
        GROUP BY 1, 2, 3, 4
        ORDER BY 1, 2, 3, 4
       ON CONFLICT (tenant_id, day, model_name, user_id) DO UPDATE
         SET events = d.events + EXCLUDED.events,
             input_tokens = d.input_tokens + EXCLUDED.input_tokens,
             output_tokens = d.output_tokens + EXCLUDED.output_tokens
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM inserted)::int AS records, (SELECT count(*) FROM rolled)::int AS daily_rows`,
    arrays,
  );
  return { records: result.records, dailyRows: result.daily_rows };
}
