import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { loadCatalog } from '@eventline/contracts';
import { createKafkaPort } from '@eventline/kafka-port';
import { migrate, createPool } from '@eventline/persistence';
import { Publisher } from '@eventline/publisher';
import { purgeSubjectCopies, REDACTED } from '@eventline/read-model-erasure';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints, masterKeyFile } from '@eventline/stack-config';
import { MasterKey, PgSubjectKeyStore } from '@eventline/subject-keys';
import { eventually, readTopicFrom, startAppUnderTest, topicEnd, uniqueName, type AppUnderTest } from '@eventline/test-harness';
import { startSmtpServer, startWebhookReceiver } from './test-support';

const WEBHOOK_PORT = 18294;
const SMTP_PORT = 2526;
const WAIT = 120_000;
const LOG = '/tmp/notification-worker-int-test.log';

/** The real worker as its own process, talking to the test's SMTP server and webhook receiver. */
function startWorker(): Promise<AppUnderTest> {
  const env = { SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`, NOTIFICATION_RETRY_BASE_MS: '300', NOTIFICATION_POLL_MS: '200' };
  return startAppUnderTest({ app: 'notification-worker', env, logFile: LOG, readyTimeoutMs: WAIT });
}

describe('notification-worker against the real stack', () => {
  jest.setTimeout(300_000);
  const endpoints = loadStackEndpoints();
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'notification-worker-test' });
  let pool: Pool;
  let publisher: Publisher;
  let worker: AppUnderTest | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    await migrate(endpoints.databaseUrl);
    pool = createPool({ applicationName: 'notification-worker-test', connectionString: endpoints.databaseUrl });
    publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), catalog: loadCatalog(), source: 'notification-test' });
    smtp = await startSmtpServer(SMTP_PORT);
    hooks = await startWebhookReceiver(WEBHOOK_PORT);
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.stop();
    await publisher?.close();
    await pool?.end();
    await smtp?.close();
    await hooks?.close();
  });

  /** A tenant of its own with one person in the directory. */
  async function person(contact: { email?: string; webhookPath?: string }) {
    const tenant = uniqueName('notify');
    const recipient = uniqueName('agent');
    const webhook = contact.webhookPath ? hooks.url(`${contact.webhookPath}/${recipient}`) : null;
    await pool.query('INSERT INTO notification_recipients (tenant_id, recipient_id, email, webhook_url) VALUES ($1, $2, $3, $4)', [tenant, recipient, contact.email ?? null, webhook]);
    return { tenant, recipient, email: contact.email };
  }
  const assigned = (tenant: string, assignee: string, n: number, eventId?: string) => ({
    event_type: 'TICKET_ASSIGNED',
    tenant_id: tenant,
    entity_id: `T-${n}`,
    ...(eventId ? { event_id: eventId } : {}),
    payload: { ticketId: `T-${n}`, newAssigneeId: assignee, newAssigneeType: 'user', actorUserId: 'lead-1', assignedAt: Date.now() },
  });
  const rows = async (tenant: string) =>
    (await pool.query('SELECT id, channel, status, attempts, last_error, subject, sent_at FROM notifications WHERE tenant_id = $1 ORDER BY channel', [tenant])).rows;
  const settled = (tenant: string, expected: number) =>
    eventually(
      `${expected} settled notification(s) of ${tenant}`,
      async () => {
        const found = await rows(tenant);
        return found.length === expected && found.every((r) => r.status !== 'pending') ? found : undefined;
      },
      WAIT,
    );
  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address.toLowerCase()));

  it('turns a TICKET_ASSIGNED into one in-app notification and one email with the rendered subject', async () => {
    const { tenant, recipient, email } = await person({ email: `${randomUUID().slice(0, 8)}@example.test` });
    await publisher.publishUntyped([assigned(tenant, recipient, 1)]);

    const mail = await eventually('the email', async () => mailsTo(email!)[0], WAIT);
    expect(mail.subject).toBe('Ticket T-1 was assigned to you');
    expect(mail.raw).toContain('Ticket T-1 was assigned to you by lead-1');
    const found = await settled(tenant, 2);
    expect(found.map((r) => [r.channel, r.status, r.subject])).toEqual([
      ['email', 'sent', 'Ticket T-1 was assigned to you'],
      ['in_app', 'delivered', 'Ticket T-1 was assigned to you'],
    ]);
    expect(recipient).toMatch(/^agent-/);
  });

  it('sends once when the same event is published twice', async () => {
    const { tenant, recipient, email } = await person({ email: `${randomUUID().slice(0, 8)}@example.test` });
    const eventId = randomUUID();
    await publisher.publishUntyped([assigned(tenant, recipient, 2, eventId)]);
    await publisher.publishUntyped([assigned(tenant, recipient, 2, eventId)]);

    await eventually('the email', async () => mailsTo(email!)[0], WAIT);
    // Give the duplicate every chance to be consumed (it is on the same partition, right behind).
    await settled(tenant, 2);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(mailsTo(email!)).toHaveLength(1);
    expect(await rows(tenant)).toHaveLength(2);
  });

  it('records an unsubscribe and suppresses email to that address, keeping the in-app notification', async () => {
    const address = `${randomUUID().slice(0, 8)}@Example.test`;
    const { tenant, recipient } = await person({ email: address });
    await publisher.publishUntyped([
      { event_type: 'EMAIL_UNSUBSCRIBED', tenant_id: tenant, entity_id: address, payload: { recipientEmail: address, unsubscribedAt: Date.now(), source: 'preference_center' } },
    ]);
    await eventually(
      'the suppression',
      async () => {
        const { rows: found } = await pool.query('SELECT reason FROM notification_suppressions WHERE tenant_id = $1 AND address = $2', [tenant, address.toLowerCase()]);
        return found[0];
      },
      WAIT,
    );

    await publisher.publishUntyped([assigned(tenant, recipient, 3)]);
    const found = await settled(tenant, 2);
    expect(found.map((r) => [r.channel, r.status, r.attempts])).toEqual([
      ['email', 'suppressed', 0],
      ['in_app', 'delivered', 1],
    ]);
    expect(mailsTo(address)).toHaveLength(0);
  });

  it('opens an address that arrives sealed (crypto-shredding) and suppresses it, though Kafka never carried it in clear', async () => {
    const sealing = new Publisher({
      kafka,
      registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl),
      catalog: loadCatalog(),
      source: 'notification-test',
      subjectKeys: new PgSubjectKeyStore(pool, MasterKey.fromFile(masterKeyFile())),
    });
    const address = `${randomUUID().slice(0, 8)}@sealed.test`;
    const { tenant, recipient } = await person({ email: address });
    const start = await topicEnd(kafka, 'email.events.v1');
    try {
      await sealing.publishUntyped([
        { event_type: 'EMAIL_UNSUBSCRIBED', tenant_id: tenant, entity_id: recipient, payload: { recipientEmail: address, unsubscribedAt: Date.now(), source: 'preference_center' } },
      ]);
    } finally {
      await sealing.close();
    }
    const [sent] = await readTopicFrom(kafka, 'email.events.v1', start, 1, (message) => message.key === tenant);
    expect(sent.value!.includes(address)).toBe(false);
    await eventually(
      'the suppression of the opened address',
      async () => {
        const { rows: found } = await pool.query('SELECT reason FROM notification_suppressions WHERE tenant_id = $1 AND address = $2', [tenant, address.toLowerCase()]);
        return found[0];
      },
      WAIT,
    );
  });

  it('records whose sealed data each notification holds, and erasing one subject of two redacts only its copies', async () => {
    const tenant = uniqueName('notify-shred');
    const keys = new PgSubjectKeyStore(pool, MasterKey.fromFile(masterKeyFile()));
    const sealing = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), catalog: loadCatalog(), source: 'notification-test', subjectKeys: keys });
    const [ana, bo] = ['ana', 'bo'].map((name) => `${name}.${randomUUID().slice(0, 8)}@sign.test`);
    // The signers are sealed under the requesting user: the contract's default pii_subject, actor.id.
    const request = (staff: string, signer: string, n: number) => ({
      event_type: 'DOCUMENT_SIGNATURE_REQUESTED',
      tenant_id: tenant,
      entity_id: `D-${n}`,
      actor: { id: staff, type: 'user' as const },
      payload: { documentId: `D-${n}`, requestId: `R-${n}`, requestedByUserId: staff, requestedAt: Date.now(), signers: [{ email: signer, name: null }], expiresAt: null },
    });
    try {
      await sealing.publishUntyped([request('staff-ana', ana, 1), request('staff-bo', bo, 2)]);
    } finally {
      await sealing.close();
    }
    await settled(tenant, 2);
    const copies = async () =>
      (
        await pool.query(
          'SELECT recipient_id, address, subject, status, subject_refs, notifications::text AS row FROM notifications WHERE tenant_id = $1 ORDER BY entity_id NULLS FIRST, recipient_id',
          [tenant],
        )
      ).rows;
    const before = await copies();
    expect(before.map((r) => [r.address, r.status, r.subject_refs])).toEqual([
      [ana, 'sent', [keys.subjectRef(tenant, 'staff-ana')]],
      [bo, 'sent', [keys.subjectRef(tenant, 'staff-bo')]],
    ]);
    expect(mailsTo(ana)).toHaveLength(1);

    await keys.erase(tenant, 'staff-ana');
    const subject = { tenantId: tenant, subjectId: 'staff-ana', subjectRef: keys.subjectRef(tenant, 'staff-ana') };
    const client = await pool.connect();
    try {
      expect(await purgeSubjectCopies(client, subject)).toEqual({ notificationsRedacted: 1, directoryEntriesRemoved: 0, preferencesRemoved: 0 });
      expect((await purgeSubjectCopies(client, subject)).notificationsRedacted).toBe(0);
    } finally {
      client.release();
    }
    const after = await copies();
    expect(after.filter((r) => r.row.includes(ana))).toEqual([]);
    expect(after.map((r) => [r.recipient_id.replace(/^erased:[0-9a-f-]{36}$/, 'erased:<id>'), r.address, r.subject])).toEqual([
      ['erased:<id>', null, REDACTED],
      [bo.toLowerCase(), bo, before[1].subject],
    ]);
  });

  it('skips a channel the recipient turned off', async () => {
    const { tenant, recipient, email } = await person({ email: `${randomUUID().slice(0, 8)}@example.test` });
    await pool.query("INSERT INTO notification_preferences (tenant_id, recipient_id, channel, enabled) VALUES ($1, $2, 'email', false)", [tenant, recipient]);
    await publisher.publishUntyped([assigned(tenant, recipient, 4)]);
    const found = await settled(tenant, 1);
    expect(found.map((r) => r.channel)).toEqual(['in_app']);
    expect(mailsTo(email!)).toHaveLength(0);
  });

  it('retries a webhook that fails twice, then delivers it', async () => {
    const { tenant, recipient } = await person({ webhookPath: '/fail-twice' });
    await publisher.publishUntyped([assigned(tenant, recipient, 5)]);
    const found = await settled(tenant, 2);
    const webhook = found.find((r) => r.channel === 'webhook')!;
    expect(webhook).toMatchObject({ status: 'delivered', attempts: 3, last_error: null });
    const calls = hooks.calls.filter((c) => c.path === `/fail-twice/${recipient}`);
    expect(calls.map((c) => c.answered)).toEqual([503, 503, 200]);
    expect(calls[2].body).toMatchObject({ notificationId: webhook.id, eventType: 'TICKET_ASSIGNED', recipientId: recipient, subject: 'Ticket T-5 was assigned to you' });
  });

  it('gives up at once on a webhook that rejects the request, and says so with NOTIFICATION_FAILED', async () => {
    const { tenant, recipient } = await person({ webhookPath: '/reject' });
    await publisher.publishUntyped([assigned(tenant, recipient, 6)]);
    const found = await settled(tenant, 2);
    const webhook = found.find((r) => r.channel === 'webhook')!;
    expect(webhook).toMatchObject({ status: 'failed', attempts: 1, last_error: 'webhook answered HTTP 400' });
    const { rows: failed } = await pool.query("SELECT event FROM outbox WHERE tenant_id = $1 AND event_type = 'NOTIFICATION_FAILED'", [tenant]);
    expect(failed.map((r) => r.event.envelope.payload)).toEqual([expect.objectContaining({ notificationId: webhook.id, channel: 'webhook', errorCode: 'http_400', retryable: false })]);
  });

  it('writes NOTIFICATION_SENT (and DELIVERED where the receiver confirmed) to the outbox, once per notification', async () => {
    const { tenant, recipient } = await person({ email: `${randomUUID().slice(0, 8)}@example.test`, webhookPath: '/ok' });
    await publisher.publishUntyped([assigned(tenant, recipient, 7)]);
    const found = await settled(tenant, 3);
    const { rows: outbox } = await pool.query('SELECT event_type, event FROM outbox WHERE tenant_id = $1 ORDER BY id', [tenant]);
    const byType = (type: string) =>
      outbox
        .filter((r) => r.event_type === type)
        .map((r) => r.event.envelope.payload.notificationId)
        .sort();
    expect(byType('NOTIFICATION_SENT')).toEqual(found.map((r) => r.id).sort());
    const confirmed = found
      .filter((r) => r.channel !== 'email')
      .map((r) => r.id)
      .sort();
    expect(byType('NOTIFICATION_DELIVERED')).toEqual(confirmed);
    const sentEmail = outbox.find((r) => r.event_type === 'NOTIFICATION_SENT' && r.event.envelope.payload.channel === 'email');
    expect(sentEmail.event.envelope).toMatchObject({
      entity_type: 'notification',
      source: 'notification-worker',
      payload: { templateId: 'ticket-assigned', contextType: 'ticket', contextId: 'T-7', recipientId: recipient },
    });
  });
});
