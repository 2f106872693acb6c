import { randomUUID } from 'node:crypto';
import { ticketAssigned } from '@eventline/test-harness';

/** Tenants the bench's events are keyed by: as many keys as a small platform has, spread over every partition. */
export const benchTenants = (count: number) => Array.from({ length: count }, (_, i) => `bench-tenant-${String(i).padStart(3, '0')}`);

/** The n-th bench event (TICKET_ASSIGNED), round robin over the tenants: the producer input the SDK takes. */
export function benchEvent(tenants: string[], n: number, entityId = `T-${n}`) {
  const event = ticketAssigned(tenants[n % tenants.length], n);
  return { ...event, entity_id: entityId };
}

/**
 * The same event as the JSON a team would send with the stock NestJS transport: the envelope's
 * fields, built by hand, no contract and no registry.
 */
export function benchJsonEvent(tenants: string[], n: number) {
  const event = benchEvent(tenants, n);
  return {
    event_id: randomUUID(),
    event_type: event.event_type,
    tenant_id: event.tenant_id,
    occurred_at: new Date().toISOString(),
    source: 'bench-nest',
    entity_type: 'ticket',
    entity_id: event.entity_id,
    actor: { id: 'agent-2', type: 'user' },
    payload: event.payload,
  };
}
