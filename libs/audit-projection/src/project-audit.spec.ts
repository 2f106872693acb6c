import type { ClientBase } from 'pg';
import { loadCatalog } from '@eventline/contracts';
import { decodedEvent, RejectedEventError, type DecodedEvent } from '@eventline/consumer-runtime';
import { Pseudonyms } from './pii/pseudonyms';
import { projectAuditEvents } from './project-audit';

const catalog = loadCatalog();

function event(n: number, key: string): DecodedEvent {
  const eventId = `4a0f5c1e-7f37-4a43-9f0e-2f0d9f1c1a${String(n).padStart(2, '0')}`;
  return decodedEvent({
    eventType: 'TICKET_ASSIGNED',
    eventId,
    tenantId: 'tenant-a',
    schemaId: 1,
    envelope: {
      event_id: eventId,
      event_type: 'TICKET_ASSIGNED',
      occurred_at: 0,
      tenant_id: 'tenant-a',
      actor: { id: 'system', type: 'system' },
      entity_type: 'ticket',
      entity_id: `T-${n}`,
      source: 'test',
      schema_version: '1',
      correlation_id: null,
      causation_id: null,
      confidence: null,
      model: null,
      payload: { ticketId: `T-${n}` },
    },
    message: { topic: 'tickets.events.v1', partition: 0, offset: String(n), key, value: null, headers: {}, timestamp: 0 },
  });
}

/** Records each statement; what the tables do is tested against PostgreSQL (chain/audit-chain.int.spec.ts). */
function fakeTx() {
  const statements: string[] = [];
  const tx = { query: async (sql: string) => void statements.push(sql) };
  return { tx: tx as unknown as ClientBase, statements };
}

describe('projectAuditEvents', () => {
  it('refuses an event keyed for another tenant before writing anything', async () => {
    const { tx, statements } = fakeTx();
    const miskeyed = event(3, 'someone-else');
    await expect(projectAuditEvents(tx, [event(1, 'tenant-a'), miskeyed], catalog, Pseudonyms.fromFile(undefined))).rejects.toMatchObject({ name: 'RejectedEventError', event: miskeyed });
    await expect(projectAuditEvents(tx, [miskeyed], catalog, Pseudonyms.fromFile(undefined))).rejects.toBeInstanceOf(RejectedEventError);
    expect(statements).toHaveLength(0);
  });
});
