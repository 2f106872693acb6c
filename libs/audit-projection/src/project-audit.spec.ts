import type { ClientBase } from 'pg';
import { loadCatalog } from '@eventline/contracts';
import { RejectedEventError, type DecodedEvent } from '@eventline/consumer-runtime';
import { projectAuditEvents } from './project-audit';

const catalog = loadCatalog();

function event(n: number, key: string): DecodedEvent {
  const eventId = `4a0f5c1e-7f37-4a43-9f0e-2f0d9f1c1a${String(n).padStart(2, '0')}`;
  return {
    eventType: 'TICKET_ASSIGNED',
    eventId,
    tenantId: 'tenant-a',
    schemaId: 1,
    envelope: {
      event_id: eventId, event_type: 'TICKET_ASSIGNED', occurred_at: 0, tenant_id: 'tenant-a', actor: { id: 'system', type: 'system' },
      entity_type: 'ticket', entity_id: `T-${n}`, source: 'test', schema_version: '1', correlation_id: null, causation_id: null,
      confidence: null, model: null, payload: { ticketId: `T-${n}` },
    },
    message: { topic: 'tickets.events.v1', partition: 0, offset: String(n), key, value: null, headers: {}, timestamp: 0 },
  };
}

/** Records each statement; every event id is new to it unless listed in `projectedBefore`. */
function fakeTx(projectedBefore: string[] = []) {
  const statements: Array<{ sql: string; params: unknown[][] }> = [];
  const tx = {
    query: async (sql: string, params: unknown[][]) => {
      statements.push({ sql, params });
      const gained = (params[0] as string[]).filter((id) => !projectedBefore.includes(id));
      return { rows: [{ gained, audit_logs: gained.length }] };
    },
  };
  return { tx: tx as unknown as ClientBase, statements };
}

describe('projectAuditEvents', () => {
  it('writes both tables in one set-based statement and reports the rows each gained', async () => {
    const { tx, statements } = fakeTx();
    const result = await projectAuditEvents(tx, [event(1, 'tenant-a'), event(2, 'tenant-a')], catalog);
    expect(result).toEqual({ domainEvents: 2, auditLogs: 2, alreadyProjected: [] });
    expect(statements).toHaveLength(1);
    expect(statements[0].sql.match(/INSERT INTO \w+/g)).toEqual(['INSERT INTO domain_events', 'INSERT INTO audit_logs']);
    expect(statements[0].params[0]).toEqual([event(1, 'x').eventId, event(2, 'x').eventId]);
  });

  it('names the events whose event_id was projected before', async () => {
    const { tx } = fakeTx([event(2, 'x').eventId]);
    const result = await projectAuditEvents(tx, [event(1, 'tenant-a'), event(2, 'tenant-a')], catalog);
    expect(result.domainEvents).toBe(1);
    expect(result.alreadyProjected.map((e) => e.eventId)).toEqual([event(2, 'x').eventId]);
  });

  it('refuses an event keyed for another tenant before writing anything', async () => {
    const { tx, statements } = fakeTx();
    const miskeyed = event(3, 'someone-else');
    await expect(projectAuditEvents(tx, [event(1, 'tenant-a'), miskeyed], catalog)).rejects.toMatchObject({ name: 'RejectedEventError', event: miskeyed });
    await expect(projectAuditEvents(tx, [miskeyed], catalog)).rejects.toBeInstanceOf(RejectedEventError);
    expect(statements).toHaveLength(0);
  });
});
