import { randomUUID } from 'node:crypto';
import { decodedEvent, type DecodedEvent } from '@eventline/consumer-runtime';

/** A decoded TICKET_ASSIGNED as the runtime hands it to the projection: what chain tests project without a broker. */
export function decodedTicketAssigned(tenant: string, n: number, at: { topic?: string; partition?: number; offset?: number } = {}): DecodedEvent {
  const eventId = randomUUID();
  return decodedEvent({
    eventType: 'TICKET_ASSIGNED',
    eventId,
    tenantId: tenant,
    schemaId: 1,
    envelope: {
      event_id: eventId,
      event_type: 'TICKET_ASSIGNED',
      occurred_at: Date.now() - 60_000 + n,
      tenant_id: tenant,
      actor: { id: 'agent-7', type: 'user' },
      entity_type: 'ticket',
      entity_id: `T-${n}`,
      source: 'chain-test',
      schema_version: '1',
      correlation_id: null,
      causation_id: null,
      confidence: null,
      model: null,
      payload: { ticketId: `T-${n}`, newAssigneeId: 'agent-9', newAssigneeType: 'user', actorUserId: 'agent-7', assignedAt: Date.now() },
    },
    message: { topic: at.topic ?? 'tickets.events.v1', partition: at.partition ?? 0, offset: String(at.offset ?? n), key: tenant, value: null, headers: {}, timestamp: Date.now() },
  });
}
