import { loadCatalog } from '@eventline/contracts';
import { loadNotificationRules, notificationEventTypes } from './index';

/** The shipped config/rules; each file's own problems are load-rules.spec.ts's. */
describe('the shipped notification rules', () => {
  const catalog = loadCatalog();
  const shipped = loadNotificationRules(undefined, catalog);

  it('load and pass every catalog check', () => {
    expect(shipped.rules.length).toBe(27);
    expect(Object.keys(shipped.templates).length).toBe(27);
  });

  it('cover the events the product asked for', () => {
    const covered = new Set(notificationEventTypes(shipped));
    const asked = [
      'TICKET_ASSIGNED',
      'TICKET_CUSTOMER_REPLIED',
      'TICKET_SLA_STAGE_BREACHED',
      'INVOICE_OVERDUE',
      'PAYMENT_FAILED',
      'CONTRACT_RENEWAL_UPCOMING',
      'INTEGRATION_TOKEN_EXPIRING',
      'DOCUMENT_SIGNATURE_REQUESTED',
      'live_classroom.scheduled',
      'dm.message.created',
      'social.follow.requested',
      'USER_APPROVED',
      'USER_REJECTED',
      'SCHEDULE_FAILED',
      'CHANNEL_ERROR',
    ];
    const families = catalog.events.map((e) => e.eventType).filter((t) => /^(APPOINTMENT_|tutor\.booking\.|community\.event\.reminder\.)/.test(t));
    expect([...asked, ...families].filter((t) => !covered.has(t))).toEqual([]);
  });

  it('use every template they define', () => {
    const used = new Set(shipped.rules.map((r) => r.templateId));
    expect(Object.keys(shipped.templates).filter((id) => !used.has(id))).toEqual([]);
  });

  it('list each event type they react to once, sorted', () => {
    const types = notificationEventTypes(shipped);
    expect(types).toEqual([...new Set(shipped.rules.map((r) => r.eventType))].sort());
    expect(types).toContain('TICKET_ASSIGNED');
  });
});
