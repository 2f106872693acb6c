import type { ClientBase } from 'pg';
import type { Publisher, UntypedEventInput } from '@eventline/publisher';
import { traceHeadersOf, type TraceHeaders } from '@eventline/tracing';

/** What an outbox row holds: the validated envelope (the `event` column) and the trace context it was written in. */
export interface StoredEvent {
  envelope: Record<string, unknown>;
  traceContext?: TraceHeaders;
}

/**
 * The producer side of the transactional outbox: validates events against their contracts (so a
 * bad event fails the caller's transaction, not the relay) and inserts them with the caller's own
 * client, inside the caller's transaction. Nothing is published for a transaction that rolls back.
 * Each row keeps the event's own trace context or else the active one (the caller's span).
 */
export class OutboxWriter {
  constructor(private readonly publisher: Pick<Publisher, 'validateAll'>) {}

  async append(client: ClientBase, events: UntypedEventInput[]): Promise<string[]> {
    if (events.length === 0) return [];
    const envelopes = this.publisher.validateAll(events);
    const active = traceHeadersOf();
    const params: unknown[] = [];
    const tuples = envelopes.map((envelope, i) => {
      const traceContext = events[i].traceparent ? { traceparent: events[i].traceparent, tracestate: events[i].tracestate } : active;
      params.push(envelope.event_id, envelope.tenant_id, envelope.event_type, JSON.stringify({ envelope }), traceContext ? JSON.stringify(traceContext) : null);
      const n = params.length;
      return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}::jsonb, $${n}::jsonb)`;
    });
    await client.query(`INSERT INTO outbox (event_id, tenant_id, event_type, event, trace_context) VALUES ${tuples.join(', ')}`, params);
    return envelopes.map((envelope) => String(envelope.event_id));
  }
}
