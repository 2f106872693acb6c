import type { ClientBase } from 'pg';
import type { Publisher, UntypedEventInput } from '@eventline/publisher';

/** What the relay needs besides the envelope: the trace context, which travels in headers. */
export interface StoredEvent {
  envelope: Record<string, unknown>;
  traceparent?: string;
  tracestate?: string;
}

/**
 * The producer side of the transactional outbox: validates events against their contracts (so a
 * bad event fails the caller's transaction, not the relay) and inserts them with the caller's own
 * client, inside the caller's transaction. Nothing is published for a transaction that rolls back.
 */
export class OutboxWriter {
  constructor(private readonly publisher: Pick<Publisher, 'validateAll'>) {}

  async append(client: ClientBase, events: UntypedEventInput[]): Promise<string[]> {
    if (events.length === 0) return [];
    const envelopes = this.publisher.validateAll(events);
    const rows = envelopes.map((envelope, i): StoredEvent => ({ envelope, traceparent: events[i].traceparent, tracestate: events[i].tracestate }));
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      params.push(row.envelope.event_id, row.envelope.tenant_id, row.envelope.event_type, JSON.stringify(row));
      const n = params.length;
      return `($${n - 3}, $${n - 2}, $${n - 1}, $${n}::jsonb)`;
    });
    await client.query(`INSERT INTO outbox (event_id, tenant_id, event_type, event) VALUES ${tuples.join(', ')}`, params);
    return envelopes.map((envelope) => String(envelope.event_id));
  }
}
