import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalog, lintCatalog, loadCatalog, type AvroSchema, type Catalog } from '@eventline/contracts';
import { createKafkaPort, type AdminPort } from '@eventline/kafka-port';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { findWorkspaceRoot, loadStackEndpoints } from '@eventline/stack-config';
import { checkCompatibility } from './check-compatibility';
import { registerCatalog } from './register-catalog';

const root = findWorkspaceRoot();
const envelope = JSON.parse(readFileSync(join(root, 'schemas/_envelope/envelope.avsc'), 'utf8')) as AvroSchema;
const baseFields: AvroSchema[] = [
  { name: 'invoiceId', type: 'string', doc: 'Invoice.' },
  { name: 'amount', type: 'string', doc: 'Decimal amount.' },
  { name: 'note', type: ['null', 'string'], default: null, doc: 'Optional note.' },
];

/** A one-event catalog in a domain of its own, so each test owns its subject. */
function catalogWith(domain: string, fields: AvroSchema[]): Catalog {
  const sources = {
    envelope: { file: 'envelope', json: envelope },
    domains: [
      {
        dir: domain,
        file: `${domain}/domain.json`,
        json: { domain, topic: `${domain}.events.v1`, partitions: 1, naming: 'SCREAMING_SNAKE_CASE', retention: 'operational', owner: 'test', doc: 'test' },
      },
    ],
    events: [
      {
        dir: domain,
        file: `${domain}/INVOICE_PAID.avsc`,
        json: {
          type: 'record',
          name: 'InvoicePaid',
          namespace: `dev.eventline.${domain}`,
          doc: 'Invoice paid.',
          eventline: { event_type: 'INVOICE_PAID', title: 'Invoice Paid', category: 'Billing', entity_type: 'invoice', seed: 'test' },
          fields,
        },
      },
    ],
  };
  expect(lintCatalog(sources)).toEqual([]);
  return buildCatalog(sources);
}

describe('compatibility gate against the real registry', () => {
  const endpoints = loadStackEndpoints();
  const registry = new SchemaRegistryClient(endpoints.schemaRegistryUrl);
  let admin: AdminPort;
  let domain: string;
  let subject: string;

  beforeAll(async () => {
    admin = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'compat-test' }).admin();
    await admin.connect();
  });
  afterAll(() => admin.disconnect());

  beforeEach(async () => {
    domain = `compat_${Math.random().toString(36).slice(2, 10)}`;
    const v1 = catalogWith(domain, baseFields);
    subject = v1.events[0].subject;
    const report = await registerCatalog(v1, registry, admin);
    expect(report.subjects).toEqual([expect.objectContaining({ subject, status: 'registered' })]);
    expect(await registry.getCompatibility(subject)).toBe('FULL_TRANSITIVE');
  });

  const gate = async (fields: AvroSchema[]) => (await checkCompatibility(catalogWith(domain, fields), registry))[0];
  const registerAtRegistry = (fields: AvroSchema[]) => registry.register(subject, catalogWith(domain, fields).events[0].schema);

  it('passes an added optional field with a default, at the gate and at the registry', async () => {
    const fields = [...baseFields, { name: 'paidVia', type: ['null', 'string'], default: null, doc: 'Payment method.' }];
    expect(await gate(fields)).toMatchObject({ subject, status: 'compatible' });
    await registerAtRegistry(fields);
    expect(await registry.versions(subject)).toEqual([1, 2]);
  });

  it('fails an added required field, naming the subject and the field', async () => {
    const fields = [...baseFields, { name: 'paidAt', type: 'long', doc: 'When.' }];
    const result = await gate(fields);
    expect(result).toMatchObject({ subject, status: 'incompatible' });
    expect(result.status === 'incompatible' && result.problems).toEqual([expect.stringMatching(/^field payload\.paidAt: added without a default/)]);
    await expect(registerAtRegistry(fields)).rejects.toThrow();
    expect(await registry.versions(subject)).toEqual([1]);
  });

  it('fails a removed field that has no default', async () => {
    const fields = baseFields.filter((f) => f.name !== 'amount');
    const result = await gate(fields);
    expect(result.status === 'incompatible' && result.problems).toEqual([expect.stringMatching(/^field payload\.amount: removed although it has no default/)]);
    await expect(registerAtRegistry(fields)).rejects.toThrow();
  });

  it('fails a changed field type', async () => {
    const fields = baseFields.map((f) => (f.name === 'amount' ? { ...f, type: 'double' } : f));
    const result = await gate(fields);
    expect(result.status === 'incompatible' && result.problems).toEqual([expect.stringMatching(/^field payload\.amount: type changed from string to double/)]);
    await expect(registerAtRegistry(fields)).rejects.toThrow();
  });

  it('reports a subject the registry has never seen as new', async () => {
    expect(await gate(baseFields)).toMatchObject({ status: 'compatible' });
    const fresh = catalogWith(`${domain}_fresh`, baseFields);
    expect((await checkCompatibility(fresh, registry))[0]).toMatchObject({ status: 'new' });
  });
});

describe('registering the whole catalog', () => {
  it('registers every event type under its subject with FULL_TRANSITIVE, idempotently', async () => {
    const endpoints = loadStackEndpoints();
    const registry = new SchemaRegistryClient(endpoints.schemaRegistryUrl);
    const admin = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'register-test' }).admin();
    await admin.connect();
    const catalog = loadCatalog();
    await registerCatalog(catalog, registry, admin);
    const again = await registerCatalog(catalog, registry, admin);
    expect(again.topicsCreated).toEqual([]);
    expect(again.subjects.filter((s) => s.status !== 'unchanged')).toEqual([]);
    const topics = await admin.listTopics();
    expect(catalog.domains.map((d) => d.topic).filter((t) => !topics.includes(t))).toEqual([]);
    await admin.disconnect();
    const levels = await Promise.all(catalog.events.map((e) => registry.getCompatibility(e.subject)));
    expect(new Set(levels)).toEqual(new Set(['FULL_TRANSITIVE']));
  }, 120_000);
});
