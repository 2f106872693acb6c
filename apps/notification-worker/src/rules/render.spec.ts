import { loadNotificationRules, readPath, renderTemplate, resolveRecipients } from './index';

const { rulesFor, templateFor } = loadNotificationRules();

const envelope = (eventType: string, payload: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ event_type: eventType, entity_id: 'E-1', tenant_id: 't', payload, ...extra });

describe('templates', () => {
  it('renders a ticket assignment as plain text, without HTML escaping', () => {
    const [rule] = rulesFor('TICKET_ASSIGNED');
    const rendered = renderTemplate(templateFor(rule), {
      payload: { ticketId: 'T-<1>', actorUserId: 'agent-2', assignedAt: Date.parse('2026-11-25T10:00:00Z') },
      event: {},
      recipientId: 'agent-1',
    });
    expect(rendered).toEqual({ subject: 'Ticket T-<1> was assigned to you', body: 'Ticket T-<1> was assigned to you by agent-2 at 2026-11-25T10:00:00.000Z.' });
  });

  it('leaves optional parts out when the field is null', () => {
    const [rule] = rulesFor('APPOINTMENT_CANCELED');
    const { body } = renderTemplate(templateFor(rule), { payload: { appointmentId: 'A-1', actorUserId: 'u', reason: null }, event: {}, recipientId: 'r' });
    expect(body).toBe('Appointment A-1 was canceled by u.');
  });
});

describe('recipients', () => {
  it('reads a field, a list of ids and a field of every element', () => {
    const payload = { a: 'x', ids: ['p', 'q'], signers: [{ email: 'A@x.io' }, { email: null }], nothing: null };
    expect(readPath(payload, 'a')).toEqual(['x']);
    expect(readPath(payload, 'ids')).toEqual(['p', 'q']);
    expect(readPath(payload, 'signers[].email')).toEqual(['A@x.io']);
    expect(readPath(payload, 'nothing')).toEqual([]);
    expect(readPath(payload, 'missing.deeper')).toEqual([]);
  });

  it('resolves payload ids, roles and envelope fields, each recipient once', () => {
    const [invoice] = rulesFor('INVOICE_OVERDUE');
    expect(resolveRecipients(invoice.recipients, envelope('INVOICE_OVERDUE', { clientId: 'c-1' }))).toEqual([{ recipientId: 'c-1' }, { recipientId: 'role:billing' }]);
    expect(resolveRecipients(invoice.recipients, envelope('INVOICE_OVERDUE', { clientId: null }))).toEqual([{ recipientId: 'role:billing' }]);
    const [approved] = rulesFor('USER_APPROVED');
    expect(resolveRecipients(approved.recipients, envelope('USER_APPROVED', {}, { entity_id: 'user-9' }))).toEqual([{ recipientId: 'user-9' }]);
    const [dm] = rulesFor('dm.message.created');
    expect(resolveRecipients(dm.recipients, envelope('dm.message.created', { recipient_ids: ['u1', 'u2', 'u1'] }))).toEqual([{ recipientId: 'u1' }, { recipientId: 'u2' }]);
  });

  it('takes signers by email address, the address being the recipient', () => {
    const [rule] = rulesFor('DOCUMENT_SIGNATURE_REQUESTED');
    expect(resolveRecipients(rule.recipients, envelope('DOCUMENT_SIGNATURE_REQUESTED', { signers: [{ email: 'Ann@X.io', name: 'Ann' }] }))).toEqual([{ recipientId: 'ann@x.io', email: 'Ann@X.io' }]);
  });
});
