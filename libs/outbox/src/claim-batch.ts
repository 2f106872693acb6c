import type { ClientBase } from 'pg';
import type { TraceHeaders } from '@eventline/tracing';
import type { StoredEvent } from './outbox-writer';

export interface OutboxRow {
  id: string;
  eventId: string;
  tenantId: string;
  event: StoredEvent;
}

/**
 * Claims the oldest pending rows inside the caller's transaction. A tenant's rows are claimed only
 * with that tenant's advisory lock, so while one relay publishes a tenant no other relay touches
 * it (order per tenant holds with many relays), and FOR UPDATE SKIP LOCKED keeps two relays off
 * the same row. Both locks end with the transaction.
 */
export async function claimBatch(client: ClientBase, batchSize: number): Promise<OutboxRow[]> {
  const { rows } = await client.query<{ id: string; event_id: string; tenant_id: string; event: { envelope: Record<string, unknown> }; trace_context: TraceHeaders | null }>(
    `SELECT id, event_id, tenant_id, event, trace_context
       FROM outbox
      WHERE id IN (SELECT id FROM outbox
                    WHERE published_at IS NULL AND failed_at IS NULL
                    ORDER BY id
                    LIMIT $2)
        -- Repeated out here: FOR UPDATE re-checks only the outer conditions against a row another relay has just
        -- published and committed; the subquery's result comes from the statement's older snapshot.
        AND published_at IS NULL AND failed_at IS NULL
        AND pg_try_advisory_xact_lock($1, hashtext(tenant_id))
      ORDER BY id
      LIMIT $3
      FOR UPDATE SKIP LOCKED`,
    [OUTBOX_LOCK_SPACE, batchSize * 4, batchSize],
  );
  return rows.map((row) => ({ id: row.id, eventId: row.event_id, tenantId: row.tenant_id, event: { envelope: row.event.envelope, traceContext: row.trace_context ?? undefined } }));
}

/** Namespaces the per-tenant advisory locks, so they cannot collide with other uses of advisory locks. */
const OUTBOX_LOCK_SPACE = 0x0e7b0c;

export async function markPublished(client: ClientBase, ids: string[]): Promise<void> {
  if (ids.length > 0) await client.query('UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])', [ids]);
}

export async function markFailed(client: ClientBase, id: string, error: string): Promise<void> {
  await client.query('UPDATE outbox SET failed_at = now(), attempts = attempts + 1, last_error = $2 WHERE id = $1', [id, error]);
}
