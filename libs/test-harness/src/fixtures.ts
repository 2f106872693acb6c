/** A valid TICKET_ASSIGNED producer input: the catalog's workhorse in tests. */
export function ticketAssigned(tenant: string, n: number) {
  return {
    event_type: 'TICKET_ASSIGNED',
    tenant_id: tenant,
    entity_id: `T-${n}`,
    payload: { ticketId: `T-${n}`, newAssigneeId: 'agent-1', newAssigneeType: 'user', actorUserId: 'agent-2', assignedAt: Date.now() },
  };
}
