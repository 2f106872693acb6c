import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { Pool } from 'pg';
import { loadCatalog } from '@eventline/contracts';
import { createKafkaPort } from '@eventline/kafka-port';
import { createPool, migrate } from '@eventline/persistence';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { findWorkspaceRoot, loadStackEndpoints } from '@eventline/stack-config';
import { eventually, freePort, metricSum, startAppUnderTest, uniqueName, type AppUnderTest } from '@eventline/test-harness';
import { startSmtpServer } from './test-support';

const WAIT = 45_000;
const LOG = '/tmp/notification-worker-interrupted-send.log';
const UNCERTAIN = 'eventline_notifications_uncertain';

/** The `eventline` bin as an operator runs it. */
async function eventline(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['apps/cli/bin/eventline.js', ...args], { cwd: findWorkspaceRoot(), timeout: 60_000 });
  return stdout;
}

describe('notification-worker killed between an accepted email and its record', () => {
  jest.setTimeout(58_000);
  const endpoints = loadStackEndpoints();
  let pool: Pool;
  let publisher: Publisher;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let smtpPort: number;
  let worker: AppUnderTest | undefined;

  const startWorker = async (env: Record<string, string> = {}) => {
    worker = await startAppUnderTest({ app: 'notification-worker', env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, NOTIFICATION_POLL_MS: '200', ...env }, logFile: LOG, readyTimeoutMs: WAIT });
    return worker.port;
  };
  const uncertainInDatabase = async () => Number((await pool.query("SELECT count(*) FROM notification_sends WHERE state = 'uncertain'")).rows[0].count);

  beforeAll(async () => {
    await migrate(endpoints.databaseUrl);
    pool = createPool({ connectionString: endpoints.databaseUrl, max: 2, applicationName: 'interrupted-send-test' });
    const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'notification-crash-test' });
    publisher = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), catalog: loadCatalog(), source: 'notification-crash-test' });
    smtpPort = await freePort();
    smtp = await startSmtpServer(smtpPort);
  });
  afterAll(async () => {
    await worker?.stop({ signal: 'SIGKILL' });
    await publisher?.close();
    await pool?.end();
    await smtp?.close();
  });

  it('never mails twice: the send is marked uncertain, counted on /metrics, listed by the CLI, and resolving it as sent mails nothing', async () => {
    const tenant = uniqueName('crash');
    const recipient = uniqueName('agent');
    const address = `${randomUUID().slice(0, 8)}@example.test`;
    await pool.query('INSERT INTO notification_recipients (tenant_id, recipient_id, email) VALUES ($1, $2, $3)', [tenant, recipient, address]);
    const uncertainBefore = await uncertainInDatabase();
    const eventId = randomUUID();
    const mailsTo = () => smtp.mails.filter((m) => m.to.includes(address));

    await startWorker({ NOTIFICATION_TEST_HANG_AFTER_SEND: '1' });
    await publisher.publishUntyped([
      {
        event_type: 'TICKET_ASSIGNED',
        tenant_id: tenant,
        entity_id: 'T-1',
        event_id: eventId,
        payload: { ticketId: 'T-1', newAssigneeId: recipient, newAssigneeType: 'user', actorUserId: 'lead-1', assignedAt: Date.now() },
      },
    ]);
    await eventually('the SMTP server to accept the email', async () => mailsTo()[0], WAIT);
    await worker!.stop({ signal: 'SIGKILL' });
    const email = async () =>
      (await pool.query("SELECT n.id, n.status, s.state FROM notifications n LEFT JOIN notification_sends s ON s.notification_id = n.id WHERE n.tenant_id = $1 AND n.channel = 'email'", [tenant]))
        .rows[0];
    // Committed before the SMTP transaction began, and never marked sent: the process died in between.
    expect(await email()).toMatchObject({ status: 'pending', state: 'sending' });

    const port = await startWorker();
    const marked = await eventually('the email marked uncertain', async () => ((await email()).status === 'uncertain' ? email() : undefined), WAIT);
    expect(marked.state).toBe('uncertain');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(mailsTo()).toHaveLength(1);
    expect(await metricSum(port, UNCERTAIN)).toBe(uncertainBefore + 1);
    const listed = (await eventline('notifications', 'uncertain')).split('\n').find((line) => line.startsWith(marked.id));
    expect(listed).toMatch(new RegExp(`^${marked.id}\\s+${tenant}\\s+email\\s+${address[0]}\\*\\*\\*@example\\.test\\s+${eventId}\\s+\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ`));

    expect(await eventline('notifications', 'resolve', marked.id, '--sent')).toContain(`Notification ${marked.id} recorded as sent`);
    await eventually('the worker to finish it as sent', async () => ((await email()).status === 'sent' ? true : undefined), WAIT);
    const { rows: sent } = await pool.query("SELECT 1 FROM outbox WHERE tenant_id = $1 AND event_type = 'NOTIFICATION_SENT' AND event->'envelope'->'payload'->>'notificationId' = $2", [
      tenant,
      marked.id,
    ]);
    expect(sent).toHaveLength(1);
    expect(mailsTo()).toHaveLength(1);
    expect(await metricSum(port, UNCERTAIN)).toBe(uncertainBefore);
    console.log(`interrupted send: 1 email accepted by SMTP, marked uncertain on restart, ${UNCERTAIN} ${uncertainBefore + 1} -> ${uncertainBefore} after resolve --sent`);
  });
});
