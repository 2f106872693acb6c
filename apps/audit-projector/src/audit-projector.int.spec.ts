import { randomUUID } from 'node:crypto';
import { Client, type Pool } from 'pg';
import { checkpointProblem, lastCheckpoint, loadCheckpointKey } from '@eventline/audit-projection';
import { findEvent, loadCatalog } from '@eventline/contracts';
import { deadLetterTopic } from '@eventline/consumer-runtime';
import { createKafkaPort } from '@eventline/kafka-port';
import { migrate, createPool } from '@eventline/persistence';
import { PiiOpener } from '@eventline/pii-sealing';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient, toWireFormat } from '@eventline/schema-registry';
import { checkpointKeyFile, loadStackEndpoints, masterKeyFile } from '@eventline/stack-config';
import { MasterKey, PgSubjectKeyStore } from '@eventline/subject-keys';
import { eventually, readTopic, startAppUnderTest, ticketAssigned, uniqueName, type AppUnderTest } from '@eventline/test-harness';
import { Type } from 'avsc';

const GROUP = 'audit-projector';

/** The real projector app as its own process (kill -9 and other faults: infra/faults). */
// Checkpoints every second, signed with the stack's development key, so the timer shows within the spec.
const startProjector = () => startAppUnderTest({ app: 'audit-projector', env: { EVENTLINE_CHECKPOINT_EVERY_S: '1' } });

describe('audit-projector against the real stack', () => {
  jest.setTimeout(300_000);
  const endpoints = loadStackEndpoints();
  const catalog = loadCatalog();
  const registry = new SchemaRegistryClient(endpoints.schemaRegistryUrl);
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'audit-projector-test' });
  let pool: Pool;
  let publisher: Publisher;
  let projector: AppUnderTest | undefined;

  beforeAll(async () => {
    await migrate(endpoints.databaseUrl);
    pool = createPool({ applicationName: 'audit-projector-test', connectionString: endpoints.databaseUrl });
    publisher = new Publisher({ kafka, registry, catalog, source: 'audit-test', maxBatchSize: 1_000 });
    projector = await startProjector();
  });
  afterAll(async () => {
    await projector?.stop();
    await publisher.close();
    await pool.end();
  });

  const count = async (table: string, tenants: string[]) => Number((await pool.query(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = ANY($1)`, [tenants])).rows[0].n);

  it('signs the chain heads on its timer, with the key the stack made, and publishes them into the chain', async () => {
    const key = loadCheckpointKey(checkpointKeyFile()!);
    const before = (await lastCheckpoint(pool))?.id ?? '0';
    const checkpoint = await eventually(
      'a checkpoint from the projector',
      async () => {
        const last = await lastCheckpoint(pool);
        return last && BigInt(last.id) > BigInt(before) ? last : undefined;
      },
      10_000,
    );
    expect(checkpointProblem(checkpoint, key)).toBeUndefined();
    expect(Date.now() - checkpoint.createdAt.getTime()).toBeLessThan(10_000);
    // Published as audit.checkpoint_written, and projected back: the checkpoint joins the chain it vouches for.
    const projected = await eventually(
      'the checkpoint event in audit_logs',
      async () => {
        const { rows } = await pool.query("SELECT tenant_id, chain_seq FROM audit_logs WHERE action = 'audit.checkpoint_written' AND entity_id = $1", [checkpoint.id]);
        return rows[0];
      },
      30_000,
    );
    expect(projected).toMatchObject({ tenant_id: 'eventline-platform' });
  });

  it('dead-letters undecodable bytes, unknown schema ids and rejected events, and the partition moves on', async () => {
    const tenant = uniqueName('dlq');
    const good = ticketAssigned(tenant, 1);
    const producer = kafka.producer();
    await producer.connect();
    const contract = findEvent(catalog, 'TICKET_ASSIGNED')!;
    const { id } = await registry.lookup(contract.subject, contract.schema);
    const prepared = (await publisher.prepareAll([{ ...good, tenant_id: 'someone-else', entity_id: 'T-miskeyed' }]))[0];
    await producer.send('tickets.events.v1', [
      { key: tenant, value: Buffer.from('definitely not avro'), headers: { case: 'garbage' } },
      { key: tenant, value: toWireFormat(987_654_321, Buffer.from([2, 4, 6])), headers: { case: 'unknown-schema' } },
      { key: tenant, value: prepared.message.value, headers: { ...prepared.message.headers, case: 'miskeyed' } },
    ]);
    await producer.disconnect();
    expect(id).toBeGreaterThan(0);
    const [after] = await publisher.publishUntyped([good]);

    await eventually(
      'the good event after the bad ones to be projected',
      async () => {
        const { rows } = await pool.query('SELECT 1 FROM domain_events WHERE event_id = $1', [after.event_id]);
        return rows.length === 1 ? true : undefined;
      },
      150_000,
    );
    const letters = await readTopic(kafka, deadLetterTopic(GROUP), 3, (m) => m.key === tenant);
    const byCase = Object.fromEntries(letters.map((m) => [m.headers.case, m.headers]));
    expect(byCase.garbage).toMatchObject({ 'dlq-error-class': 'UndecodableMessageError', 'dlq-original-topic': 'tickets.events.v1', 'dlq-group': GROUP });
    expect(byCase['unknown-schema']).toMatchObject({ 'dlq-error-class': 'UnknownSchemaError', 'dlq-error-message': expect.stringContaining('987654321') });
    expect(byCase.miskeyed).toMatchObject({ 'dlq-error-class': 'RejectedEventError', 'dlq-error-message': expect.stringContaining('does not match') });
    for (const headers of Object.values(byCase)) {
      expect(headers).toEqual(
        expect.objectContaining({
          'dlq-original-partition': expect.stringMatching(/^\d+$/),
          'dlq-original-offset': expect.stringMatching(/^\d+$/),
          'dlq-original-timestamp': expect.stringMatching(/^\d+$/),
        }),
      );
    }
  });

  it('projects events written with an older and with a newer version of a contract', async () => {
    const contract = findEvent(catalog, 'ebook.bookmark_created')!;
    const payloadRecord = (contract.schema.fields as Array<Record<string, unknown>>).find((f) => f.name === 'payload')!.type as Record<string, unknown>;
    const newer = structuredClone(contract.schema);
    const newerPayload = (newer.fields as Array<Record<string, unknown>>).find((f) => f.name === 'payload')!.type as { fields: unknown[] };
    newerPayload.fields.push({ name: 'color', type: ['null', 'string'], default: null, doc: 'Highlight colour chosen by the reader.' });
    const v1 = await registry.lookup(contract.subject, contract.schema);
    const v2 = await registry.register(contract.subject, newer);
    expect(v2).not.toBe(v1.id);

    const tenant = uniqueName('versions');
    const sample = Object.fromEntries((payloadRecord.fields as Array<{ name: string; type: unknown }>).map((f) => [f.name, sampleValue(f.type)]));
    const envelope = (eventId: string, extra: object) => ({
      event_id: eventId,
      event_type: 'ebook.bookmark_created',
      occurred_at: Date.now(),
      tenant_id: tenant,
      actor: { id: 'u', type: 'user' },
      entity_type: 'bookmark',
      entity_id: eventId,
      source: 'test',
      schema_version: 'x',
      correlation_id: null,
      causation_id: null,
      confidence: null,
      model: null,
      payload: { ...sample, ...extra },
    });
    const [oldId, newId] = [randomUUID(), randomUUID()];
    const producer = kafka.producer();
    await producer.connect();
    await producer.send(contract.topic, [
      { key: tenant, value: toWireFormat(v1.id, Type.forSchema(contract.schema as never).toBuffer(envelope(oldId, {}))) },
      { key: tenant, value: toWireFormat(v2, Type.forSchema(newer as never).toBuffer(envelope(newId, { color: 'yellow' }))) },
    ]);
    await producer.disconnect();
    const rows = await eventually(
      'both versions projected',
      async () => {
        const { rows } = await pool.query('SELECT event_id, schema_version FROM domain_events WHERE tenant_id = $1 ORDER BY kafka_offset', [tenant]);
        return rows.length === 2 ? rows : undefined;
      },
      150_000,
    );
    expect(rows.map((r) => r.event_id)).toEqual([oldId, newId]);
  });

  it('keeps every personal value out of audit_logs after a mixed run, with a pseudonym where an id held one', async () => {
    const tenant = uniqueName('pii');
    const personal = [`ann.${tenant}@example.com`, `carol.${tenant}@example.net`, `my number is 555-${tenant}`];
    await publisher.publishUntyped([
      { event_type: 'EMAIL_UNSUBSCRIBED', tenant_id: tenant, entity_id: personal[0], payload: { recipientEmail: personal[0], unsubscribedAt: Date.now(), source: 'preference_center' } },
      { ...ticketAssigned(tenant, 1), actor: { id: personal[1], type: 'contact' } },
      {
        event_type: 'dm.message.created',
        tenant_id: tenant,
        entity_id: 'm-1',
        actor: { id: 'user-1', type: 'user' },
        payload: { message_id: 'm-1', thread_id: 'th-1', sender_id: 'user-1', recipient_ids: ['user-2'], body: personal[2], attachment_count: 0, sent_at: Date.now() },
      },
    ]);
    await eventually('the three audit rows', async () => ((await count('audit_logs', [tenant])) === 3 ? true : undefined), 60_000);
    const { rows } = await pool.query<{ row: string }>('SELECT audit_logs::text AS row FROM audit_logs WHERE tenant_id = $1', [tenant]);
    for (const value of personal) expect(rows.filter(({ row }) => row.includes(value))).toEqual([]);
    const ids = await pool.query("SELECT action, entity_id, actor_id FROM audit_logs WHERE tenant_id = $1 AND (entity_id LIKE 'pii:%' OR actor_id LIKE 'pii:%') ORDER BY action", [tenant]);
    expect(ids.rows).toEqual([
      { action: 'EMAIL_UNSUBSCRIBED', entity_id: expect.stringMatching(/^pii:[0-9a-f]{32}$/), actor_id: 'system' },
      { action: 'TICKET_ASSIGNED', entity_id: 'T-1', actor_id: expect.stringMatching(/^pii:[0-9a-f]{32}$/) },
    ]);
  });

  it('projects sealed personal data sealed: after one subject of two is erased, opening the rows gives Erased for it and the value for the other', async () => {
    const tenant = uniqueName('shred');
    const keys = new PgSubjectKeyStore(pool, MasterKey.fromFile(masterKeyFile()), { cacheMs: 0 });
    const sealing = new Publisher({ kafka, registry, catalog, source: 'audit-test', subjectKeys: keys });
    const email = (user: string) => `${user}.${tenant}@example.com`;
    const registered = (user: string) => ({
      event_type: 'user.registered',
      tenant_id: tenant,
      entity_id: user,
      payload: { user_id: user, email: email(user), display_name: null, registration_method: 'password', email_verified: true, registered_at: Date.now() },
    });
    try {
      await sealing.publishUntyped([registered('u-ana'), registered('u-bo')]);
    } finally {
      await sealing.close();
    }
    const rows = await eventually(
      'both sealed events in domain_events',
      async () => {
        const found = await pool.query<{ entity_id: string; event_id: string; payload: Record<string, unknown>; pii_sealed: unknown; row: string }>(
          'SELECT entity_id, event_id, payload, pii_sealed, domain_events::text AS row FROM domain_events WHERE tenant_id = $1 ORDER BY entity_id',
          [tenant],
        );
        return found.rows.length === 2 ? found.rows : undefined;
      },
      60_000,
    );
    expect(rows.filter(({ row }) => row.includes(email('u-ana')) || row.includes(email('u-bo')))).toEqual([]);

    await keys.erase(tenant, 'u-ana');
    const opener = new PiiOpener(keys);
    const opened = await Promise.all(
      rows.map(async ({ event_id, payload, pii_sealed }) => {
        const envelope = { tenant_id: tenant, event_id, payload, pii_sealed };
        await opener.open(envelope);
        return JSON.parse(JSON.stringify(envelope.payload)).email;
      }),
    );
    expect(opened).toEqual([{ erased: true, subject_ref: keys.subjectRef(tenant, 'u-ana') }, email('u-bo')]);
  });

  it('isolates tenants with row-level security for a role bound to one tenant', async () => {
    const [a, b] = [uniqueName('rls-a'), uniqueName('rls-b')];
    await publisher.publishUntyped([ticketAssigned(a, 1), ticketAssigned(a, 2), ticketAssigned(b, 3)]);
    await eventually('rows of both tenants', async () => ((await count('audit_logs', [a, b])) === 3 ? true : undefined), 150_000);
    const role = `tenant_reader_${Math.random().toString(36).slice(2, 10)}`;
    await pool.query(`CREATE ROLE ${role} LOGIN PASSWORD 'reader' IN ROLE eventline_tenant_reader`);
    await pool.query('INSERT INTO tenant_roles (role_name, tenant_id) VALUES ($1, $2)', [role, a]);
    const url = new URL(endpoints.databaseUrl);
    url.username = role;
    url.password = 'reader';
    const reader = new Client({ connectionString: url.toString() });
    await reader.connect();
    try {
      const audit = await reader.query('SELECT DISTINCT tenant_id FROM audit_logs');
      const events = await reader.query('SELECT DISTINCT tenant_id FROM domain_events');
      expect(audit.rows).toEqual([{ tenant_id: a }]);
      expect(events.rows).toEqual([{ tenant_id: a }]);
      await reader.query("SET eventline.tenant_id = 'x'").catch(() => undefined);
      expect((await reader.query('SELECT count(*) AS n FROM audit_logs WHERE tenant_id = $1', [b])).rows[0].n).toBe('0');
    } finally {
      await reader.end();
      await pool.query('DELETE FROM tenant_roles WHERE role_name = $1', [role]);
      await pool.query(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
    }
  });
});

function sampleValue(type: unknown): unknown {
  if (Array.isArray(type)) return null;
  if (typeof type === 'object' && type !== null) {
    const node = type as { type: string; logicalType?: string };
    if (node.logicalType === 'timestamp-millis') return Date.now();
    if (node.type === 'array') return [];
    return sampleValue(node.type);
  }
  return { string: 'x', int: 1, long: 1, double: 1.5, boolean: true }[type as string] ?? null;
}
