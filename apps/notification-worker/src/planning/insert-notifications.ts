import type { ClientBase } from 'pg';
import type { PlannedNotification } from './planned-notification';

const COLUMNS = ['tenant_id', 'event_id', 'event_type', 'recipient_id', 'channel', 'address', 'template_id', 'entity_type', 'entity_id', 'subject', 'body', 'status', 'subject_refs'] as const;
type Column = (typeof COLUMNS)[number];

/**
 * Inserts in the batch's transaction. ON CONFLICT DO NOTHING on (event_id, recipient_id, channel)
 * is the at-most-once guarantee: a redelivered or republished event finds its rows already there.
 * subject_refs travels as one space-separated string a row, since unnest flattens arrays of arrays.
 */
export async function insertNotifications(tx: ClientBase, planned: PlannedNotification[]): Promise<number> {
  if (planned.length === 0) return 0;
  const columns = COLUMNS.map((c) => planned.map((p) => columnValue(p, c)));
  const selected = COLUMNS.map((c) => (c === 'subject_refs' ? `string_to_array(u.${c}, ' ')` : `u.${c}`));
  const { rowCount } = await tx.query(
    `INSERT INTO notifications (${COLUMNS.join(', ')})
     SELECT ${selected.join(', ')} FROM unnest(${COLUMNS.map((c, i) => `$${i + 1}::${c === 'event_id' ? 'uuid' : 'text'}[]`).join(', ')}) AS u(${COLUMNS.join(', ')})
     ON CONFLICT (event_id, recipient_id, channel) DO NOTHING`,
    columns,
  );
  return rowCount ?? 0;
}

function columnValue(p: PlannedNotification, column: Column): string | null {
  switch (column) {
    case 'tenant_id':
      return p.tenantId;
    case 'event_id':
      return p.eventId;
    case 'event_type':
      return p.eventType;
    case 'recipient_id':
      return p.recipientId;
    case 'channel':
      return p.channel;
    case 'address':
      return p.address;
    case 'template_id':
      return p.templateId;
    case 'entity_type':
      return p.entityType;
    case 'entity_id':
      return p.entityId;
    case 'subject':
      return p.subject;
    case 'body':
      return p.body;
    case 'status':
      return p.status;
    case 'subject_refs':
      return p.subjectRefs.join(' ');
  }
}
