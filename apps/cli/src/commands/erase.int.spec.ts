import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { findEvent, loadCatalog } from '@eventline/contracts';
import { createKafkaPort } from '@eventline/kafka-port';
import { migrate } from '@eventline/persistence';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { MasterKey, PgSubjectKeyStore } from '@eventline/subject-keys';
import { createScratchDatabase, readTopicFrom, topicEnd, uniqueName, type ScratchDatabase } from '@eventline/test-harness';
import { eventlineWith } from '../testing/run-cli';

describe('eventline erase, tail and dlq show: crypto-shredding one subject of two (real Kafka, registry and PostgreSQL)', () => {
  const endpoints = loadStackEndpoints();
  const catalog = loadCatalog();
  const topic = findEvent(catalog, 'user.registered')!.topic;
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'erase-cli-test' });
  const tenant = uniqueName('erase');
  const keyBytes = randomBytes(32);
  const keyFile = join(mkdtempSync(join(tmpdir(), 'erase-cli-')), 'master-key');
  writeFileSync(keyFile, keyBytes.toString('hex'));
  let db: ScratchDatabase;
  let pool: Pool;
  let published: Buffer[];
  const cli = (...args: string[]) => eventlineWith({ DATABASE_URL: db.url, EVENTLINE_MASTER_KEY_FILE: keyFile }, ...args);
  const tail = async (...flags: string[]) => {
    const run = await cli('tail', '--topic', topic, '--tenant', tenant, '--from-beginning', '--max', '2', ...flags);
    expect([run.code, run.stderr]).toEqual([0, '']);
    return new Map(
      run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { envelope: { entity_id: string; payload: Record<string, unknown> } })
        .map((e) => [e.envelope.entity_id, e.envelope.payload]),
    );
  };

  beforeAll(async () => {
    db = await createScratchDatabase(endpoints.databaseUrl);
    await migrate(db.url);
    pool = new Pool({ connectionString: db.url, max: 2 });
    const keys = new PgSubjectKeyStore(pool, MasterKey.fromBytes(keyBytes));
    const publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), catalog, source: 'erase-cli-test', subjectKeys: keys });
    const user = (id: string, email: string) => ({
      event_type: 'user.registered',
      tenant_id: tenant,
      entity_id: id,
      payload: { user_id: id, email, display_name: null, registration_method: 'password', email_verified: true, registered_at: Date.now() },
    });
    const start = await topicEnd(kafka, topic);
    await publisher.publishMany([user('u-ana', 'ana@example.com'), user('u-bo', 'bo@example.com')] as never);
    await publisher.close();
    published = (await readTopicFrom(kafka, topic, start, 2, (message) => message.key === tenant)).map((message) => message.value!);
    // The copies the notification worker keeps of opened data (its own spec shows it writing them).
    for (const [subject, address] of [
      ['u-ana', 'ana@example.com'],
      ['u-bo', 'bo@example.com'],
    ]) {
      await pool.query(
        `INSERT INTO notifications (tenant_id, event_id, event_type, recipient_id, channel, address, subject, body, subject_refs)
         VALUES ($1, gen_random_uuid(), 'user.registered', $2, 'email', $2, 'Welcome', $3, ARRAY[$4])`,
        [tenant, address, `Welcome, ${address}`, keys.subjectRef(tenant, subject)],
      );
    }
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('tails sealed fields as sealed, opens them with --open-pii, and after an erasure shows only the erased subject as erased', async () => {
    for (const value of published) expect([value.includes('ana@example.com'), value.includes('bo@example.com')]).toEqual([false, false]);
    const sealed = await tail();
    expect(sealed.get('u-ana')!.email).toEqual({ sealed: true, subject_ref: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect((await tail('--open-pii')).get('u-bo')!.email).toBe('bo@example.com');

    const dryRun = await cli('erase', '--tenant', tenant, '--subject', 'u-ana', '--dry-run');
    expect(dryRun.stdout).toMatch(/^erase \(dry run\): subject [0-9a-f]{32} of tenant \S+ has 1 live key\(s\); nothing destroyed, nothing published\n$/);
    expect((await tail('--open-pii')).get('u-ana')!.email).toBe('ana@example.com');

    const before = await topicEnd(kafka, 'governance.events.v1');
    const erased = await cli('erase', '--tenant', tenant, '--subject', 'u-ana', '--actor', 'dpo@example.com', '--settle', '1');
    const ref = /subject ([0-9a-f]{32})/.exec(erased.stdout)![1];
    expect([erased.code, erased.stderr]).toEqual([0, '']);
    expect(erased.stdout.split('\n')).toEqual([
      expect.stringMatching(/^erased: subject [0-9a-f]{32} of tenant \S+, 1 key\(s\) destroyed$/),
      "waiting 1 s for consumers' key caches to expire, then purging again…",
      'purged: 1 notification(s) redacted, 0 contact entries and 0 preference(s) removed',
      expect.stringMatching(/^recorded as compliance.subject_erased [0-9a-f-]{36} on governance.events.v1$/),
      '',
    ]);

    const after = await tail('--open-pii');
    expect(after.get('u-ana')!.email).toEqual({ erased: true, subject_ref: ref });
    expect(after.get('u-bo')!.email).toBe('bo@example.com');
    const { rows: copies } = await pool.query('SELECT address, body FROM notifications WHERE tenant_id = $1 ORDER BY address NULLS FIRST', [tenant]);
    expect(copies).toEqual([
      { address: null, body: '[erased]' },
      { address: 'bo@example.com', body: 'Welcome, bo@example.com' },
    ]);

    // A dead letter's decoded view shows the erasure too: the same bytes, parked on a group's DLQ.
    const group = uniqueName('erase-dlq');
    const admin = kafka.admin();
    await admin.connect();
    await admin.ensureTopics([{ topic: `${group}.dlq`, partitions: 1, replicationFactor: 1 }]);
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send(
      `${group}.dlq`,
      published.map((value) => ({ key: tenant, value, headers: {} })),
    );
    await producer.disconnect();
    const shown = await cli('dlq', 'show', '--group', group, '--offset', '0');
    expect(shown.stdout).toContain(`"email": {\n      "erased": true,\n      "subject_ref": "${ref}"\n    }`);
    const opened = await cli('dlq', 'show', '--group', group, '--offset', '1', '--open-pii');
    expect(opened.stdout).toContain('"email": "bo@example.com"');

    // The erasure is an event like any other (the audit projector records it), and names the subject only by its hash.
    const [event] = await readTopicFrom(kafka, 'governance.events.v1', before, 1, (message) => message.key === tenant);
    expect(event.headers.event_type).toBe('compliance.subject_erased');
    expect(event.value!.includes(ref)).toBe(true);
    expect(event.value!.includes('u-ana')).toBe(false);
  });

  it('refuses a master key file it cannot read or of the wrong size, and a role bound by row-level security, saying which', async () => {
    const absent = join(tmpdir(), uniqueName('no-master-key'));
    const noKey = await eventlineWith({ DATABASE_URL: db.url, EVENTLINE_MASTER_KEY_FILE: absent }, 'tail', '--topic', topic, '--max', '1', '--open-pii');
    expect([noKey.code, noKey.stderr.trim()]).toEqual([1, `eventline: EVENTLINE_MASTER_KEY_FILE ${absent} cannot be read: ENOENT`]);
    const short = join(mkdtempSync(join(tmpdir(), 'erase-cli-')), 'short');
    writeFileSync(short, 'abcd');
    const bad = await eventlineWith({ DATABASE_URL: db.url, EVENTLINE_MASTER_KEY_FILE: short }, 'erase', '--tenant', tenant, '--subject', 'u-bo');
    expect([bad.code, bad.stderr.trim()]).toEqual([1, `eventline: EVENTLINE_MASTER_KEY_FILE ${short} holds 4 bytes; the master key is 32 bytes (64 hex digits)`]);

    // An app role is bound by the forced row-level security: it would see none of the subject's copies.
    const asApp = new URL(db.url);
    asApp.username = 'eventline_notification_worker';
    const bound = await eventlineWith({ DATABASE_URL: asApp.toString(), EVENTLINE_MASTER_KEY_FILE: keyFile }, 'erase', '--tenant', tenant, '--subject', 'u-bo');
    expect([bound.code, bound.stderr.trim()]).toEqual([
      1,
      "eventline: eventline erase acts on every tenant's rows, and row-level security is forced on them: connect (DATABASE_URL) as a role with BYPASSRLS or a superuser; eventline_notification_worker is neither",
    ]);
  });
});
