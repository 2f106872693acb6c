import { createServer, type Server } from 'node:net';
import { createKafkaPort, withAdmin } from '@eventline/kafka-port';
import { loadStackEndpoints } from '@eventline/stack-config';
import { uniqueName } from '@eventline/test-harness';
import { eventline, eventlineWith, type CliRun } from '../testing/run-cli';

const TOPIC = 'tickets.events.v1';
/** `app  group  handler`, as the handlers manifest names the two platform consumers of TICKET_ASSIGNED. */
const AUDIT = /^audit-projector +audit-projector +\w+\.\w+$/;
const NOTIFICATIONS = /^notification-worker +notification-worker +\w+\.\w+$/;

/**
 * Who consumes an event: the platform's handlers from the manifest, and with --live the groups the
 * broker knows on the topic. The live case runs on a prefixed copy of the topic, with a downstream
 * group of the test's own and the audit projector's group as a prefixed deployment would name it.
 */
describe('eventline catalog show / handlers (the handlers manifest, the registry and Kafka)', () => {
  jest.setTimeout(60_000);
  const kafka = createKafkaPort({ brokers: loadStackEndpoints().kafkaBrokers, clientId: 'cli-catalog-test' });
  const prefix = `${uniqueName('cli-catalog')}.`;
  const downstream = uniqueName('cli-catalog-downstream');
  const platform = `${prefix}audit-projector`;
  let silentBroker: Server;
  // The CLI starts slowly on a busy machine: its runs go at once, each test reads its own.
  let runs: Record<'handlers' | 'showLive' | 'silent' | 'unknown', Promise<CliRun>>;

  beforeAll(async () => {
    await withAdmin(kafka, async (admin) => {
      await admin.ensureTopics([{ topic: `${prefix}${TOPIC}`, partitions: 2, replicationFactor: 1 }]);
      await admin.setGroupOffsets(downstream, `${prefix}${TOPIC}`, [{ partition: 0, offset: '0' }]);
      await admin.setGroupOffsets(platform, `${prefix}${TOPIC}`, [{ partition: 1, offset: '0' }]);
    });
    // Accepts connections and never answers: a broker that hangs, not one that refuses.
    silentBroker = createServer(() => undefined).listen(0, '127.0.0.1');
    await new Promise((ready) => silentBroker.once('listening', ready));
    const silentPort = (silentBroker.address() as { port: number }).port;
    runs = {
      handlers: eventline('catalog', 'handlers', 'TICKET_ASSIGNED'),
      showLive: eventlineWith({ EVENTLINE_TOPIC_PREFIX: prefix }, 'catalog', 'show', 'TICKET_ASSIGNED', '--live'),
      silent: eventlineWith({ KAFKA_BROKERS: `127.0.0.1:${silentPort}` }, 'catalog', 'handlers', 'TICKET_ASSIGNED', '--live'),
      unknown: eventline('catalog', 'handlers', 'TICKET_ASSIGNE'),
    };
    await Promise.all(Object.values(runs));
  });

  afterAll(async () => {
    silentBroker?.close();
    await withAdmin(kafka, async (admin) => {
      await admin.deleteGroups([downstream, platform]);
      await admin.deleteTopics([`${prefix}${TOPIC}`]);
    });
  });

  it('names the audit projector and the notification worker as the handlers of TICKET_ASSIGNED, and nothing else', async () => {
    const { code, stdout } = await runs.handlers;
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.some((line) => AUDIT.test(line))).toBe(true);
    expect(lines.some((line) => NOTIFICATIONS.test(line))).toBe(true);
  });

  it('shows the contract file, topic, subject, registered versions, publisher and handlers of TICKET_ASSIGNED', async () => {
    const { code, stdout } = await runs.showLive;
    expect(code).toBe(0);
    expect(stdout).toMatch(/^file +schemas\/tickets\/TICKET_ASSIGNED\.avsc$/m);
    // The prefix moves the topic, not the subject.
    expect(stdout).toMatch(new RegExp(`^topic +${escape(prefix)}tickets\\.events\\.v1$`, 'm'));
    expect(stdout).toMatch(/^subject +tickets\.events\.v1-dev\.eventline\.tickets\.TicketAssigned$/m);
    expect(stdout).toMatch(/^versions +v1(, v\d+)*$/m);
    expect(stdout).toMatch(/^publisher +the tickets domain: \S/m);
    const handlers = stdout.slice(stdout.indexOf('handled by'), stdout.indexOf('\nFIELD'));
    expect(handlers).toMatch(/^audit-projector +audit-projector +\w+\.\w+$/m);
    expect(handlers).toMatch(/^notification-worker +notification-worker +\w+\.\w+$/m);
    expect(handlers.match(/^\S+ +\S+ +\w+\.\w+$/gm)).toHaveLength(2);
    expect(stdout).toMatch(/^assignedAt +timestamp-millis +\S/m);
  });

  it('with --live, lists the groups the broker knows on the topic: a downstream one apart from the platform ones', async () => {
    const { code, stdout, stderr } = await runs.showLive;
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(`consumer groups on ${prefix}${TOPIC} (live, from the broker):`);
    const live = stdout.slice(stdout.indexOf('consumer groups on'));
    expect(live).toMatch(new RegExp(`^${escape(downstream)} +downstream \\(not in the manifest\\) +Empty +0$`, 'm'));
    expect(live).toMatch(new RegExp(`^${escape(platform)} +platform +Empty +0$`, 'm'));
    expect(live.match(/^cli-catalog-\S+ +(platform|downstream)/gm)).toHaveLength(2);
  });

  it('with --live, fails with a clear error when the broker does not answer within a few seconds', async () => {
    const { code, stdout, stderr } = await runs.silent;
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^eventline: --live: the Kafka broker \(127\.0\.0\.1:\d+\) did not answer within 5 s/);
    // Nothing half-printed: the handlers wait for the broker's answer.
    expect(stdout).toBe('');
  });

  it("refuses an unknown event type with the catalog's suggestion", async () => {
    const { code, stderr } = await runs.unknown;
    expect(code).toBe(1);
    expect(stderr).toContain('Unknown event type "TICKET_ASSIGNE". Did you mean: TICKET_ASSIGNED');
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
