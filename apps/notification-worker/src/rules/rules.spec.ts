import { findEvent, loadCatalog, type AvroSchema } from '@eventline/contracts';
import { CHANNELS, RULES, TEMPLATES } from './index';

/** The Avro type at `path` (`a.b`, `list[].field`) of a record, or undefined when there is none. */
function typeAtPath(record: AvroSchema, path: string): unknown {
  let type: unknown = record;
  for (const segment of path.split('.')) {
    const isList = segment.endsWith('[]');
    const name = isList ? segment.slice(0, -2) : segment;
    const fields = (unwrap(type) as { fields?: Array<{ name: string; type: unknown }> }).fields;
    const field = fields?.find((f) => f.name === name);
    if (!field) return undefined;
    type = unwrap(field.type);
    if (isList) {
      if ((type as { type?: string }).type !== 'array') return undefined;
      type = unwrap((type as { items: unknown }).items);
    }
  }
  return type;
}
const unwrap = (type: unknown): unknown => (Array.isArray(type) ? type.find((t) => t !== 'null') : type);
const isIdLike = (type: unknown) => type === 'string' || ((type as { type?: string })?.type === 'array' && unwrap((type as { items: unknown }).items) === 'string');

describe('notification rules against the catalog', () => {
  const catalog = loadCatalog();

  it.each(RULES.map((rule) => [rule.eventType, rule] as const))('%s names a catalog event, payload fields that hold ids, a template and known channels', (_, rule) => {
    const contract = findEvent(catalog, rule.eventType);
    expect(contract).toBeDefined();
    for (const source of rule.recipients) {
      if ('path' in source) expect({ path: source.path, idLike: isIdLike(typeAtPath(contract!.payloadSchema, source.path)) }).toEqual({ path: source.path, idLike: true });
      if ('envelope' in source) expect(typeAtPath(catalog.envelope, source.envelope)).toBe('string');
      if ('role' in source) expect(source.role).toMatch(/^[a-z][a-z0-9-]*$/);
    }
    expect(TEMPLATES[rule.templateId]).toBeDefined();
    expect(rule.channels.length).toBeGreaterThan(0);
    for (const channel of rule.channels) expect(CHANNELS).toContain(channel);
  });

  it.each(RULES.map((rule) => [rule.eventType, rule] as const))('%s: its template reads only fields of the payload', (_, rule) => {
    const contract = findEvent(catalog, rule.eventType)!;
    const template = TEMPLATES[rule.templateId];
    const used = [...`${template.subject} ${template.body}`.matchAll(/payload\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
    const missing = used.filter((field) => typeAtPath(contract.payloadSchema, field) === undefined);
    expect(missing).toEqual([]);
  });

  it('covers the events the product asked for', () => {
    const covered = new Set(RULES.map((r) => r.eventType));
    const asked = ['TICKET_ASSIGNED', 'TICKET_CUSTOMER_REPLIED', 'TICKET_SLA_STAGE_BREACHED', 'INVOICE_OVERDUE', 'PAYMENT_FAILED', 'CONTRACT_RENEWAL_UPCOMING', 'INTEGRATION_TOKEN_EXPIRING',
      'DOCUMENT_SIGNATURE_REQUESTED', 'live_classroom.scheduled', 'dm.message.created', 'social.follow.requested', 'USER_APPROVED', 'USER_REJECTED', 'SCHEDULE_FAILED', 'CHANNEL_ERROR'];
    const families = catalog.events.map((e) => e.eventType).filter((t) => /^(APPOINTMENT_|tutor\.booking\.|community\.event\.reminder\.)/.test(t));
    expect([...asked, ...families].filter((t) => !covered.has(t))).toEqual([]);
  });

  it('every template is used by a rule', () => {
    const used = new Set(RULES.map((r) => r.templateId));
    expect(Object.keys(TEMPLATES).filter((id) => !used.has(id))).toEqual([]);
  });
});
