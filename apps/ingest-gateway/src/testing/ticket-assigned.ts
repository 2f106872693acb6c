/** A valid TICKET_ASSIGNED as an HTTP client sends it (schemas/tickets/TICKET_ASSIGNED.avsc). */
export function ticketAssigned(tenant: string, ticketId = 'T-1') {
  return {
    event_type: 'TICKET_ASSIGNED',
    tenant_id: tenant,
    entity_id: ticketId,
    actor: { id: 'agent-7', type: 'user' },
    occurred_at: '2026-11-25T10:00:00Z',
    payload: { ticketId, newAssigneeId: 'agent-9', newAssigneeType: 'user', actorUserId: 'agent-7', assignedAt: '2026-11-25T10:00:00Z' },
  };
}

export const TICKETS_TOPIC = 'tickets.events.v1';
