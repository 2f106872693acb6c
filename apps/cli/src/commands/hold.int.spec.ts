import { EventDecoder } from '@eventline/consumer-runtime';
import { loadCatalog } from '@eventline/contracts';
import { createKafkaPort } from '@eventline/kafka-port';
import { migrate } from '@eventline/persistence';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { createScratchDatabase, readTopicFrom, topicEnd, uniqueName, type ScratchDatabase } from '@eventline/test-harness';
import { eventlineWith } from '../testing/run-cli';

const GOVERNANCE = 'governance.events.v1';

describe('eventline hold: legal holds placed and removed, each a governance event (real Kafka, registry and PostgreSQL)', () => {
  const endpoints = loadStackEndpoints();
  const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'hold-cli-test' });
  const decoder = new EventDecoder(new SchemaRegistryClient(endpoints.schemaRegistryUrl), loadCatalog());
  let db: ScratchDatabase;
  const cli = (...args: string[]) => eventlineWith({ DATABASE_URL: db.url }, ...args);
  const ok = async (...args: string[]) => {
    const run = await cli(...args);
    expect([run.code, run.stderr]).toEqual([0, '']);
    return run.stdout;
  };

  beforeAll(async () => {
    db = await createScratchDatabase(endpoints.databaseUrl);
    await migrate(db.url);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('places and removes a legal hold, each change published as a governance event, and refuses a second hold or a removal of none', async () => {
    const tenant = uniqueName('hold');
    const before = await topicEnd(kafka, GOVERNANCE);
    const placed = await ok('hold', 'add', '--tenant', tenant, '--reason', 'matter 2026-17', '--actor', 'legal@example.com');
    const holdId = /\(hold ([0-9a-f-]{36})\)/.exec(placed)![1];
    expect(placed.split('\n')).toEqual([
      `legal hold placed on tenant ${tenant} (hold ${holdId}): retention deletes none of its rows until it is removed`,
      expect.stringMatching(/^recorded as compliance\.legal_hold_placed [0-9a-f-]{36} on governance\.events\.v1$/),
      '',
    ]);
    const again = await cli('hold', 'add', '--tenant', tenant, '--reason', 'another matter');
    expect([again.code, again.stderr]).toEqual([
      1,
      expect.stringMatching(
        new RegExp(`^eventline: --tenant "${tenant}": is already on legal hold since \\S+ \\(hold ${holdId}, placed by legal@example.com: "matter 2026-17"\\); remove it first to place another\\n$`),
      ),
    ]);
    expect(await ok('hold', 'list')).toMatch(new RegExp(`^${tenant}\\s+\\S+Z\\s+legal@example.com\\s+in force\\s+matter 2026-17$`, 'm'));

    await ok('hold', 'remove', '--tenant', tenant, '--reason', 'matter closed', '--actor', 'legal@example.com');
    const none = await cli('hold', 'remove', '--tenant', tenant, '--reason', 'matter closed');
    expect([none.code, none.stderr]).toEqual([1, `eventline: --tenant "${tenant}": has no legal hold in force, so there is none to remove (eventline hold list shows the holds)\n`]);
    expect(await ok('hold', 'list', '--tenant', tenant)).toBe('No legal holds in force.\n');

    const messages = await readTopicFrom(kafka, GOVERNANCE, before, 2, (m) => m.key === tenant);
    const events = await Promise.all(messages.map(async (m) => (await decoder.decode(m)).envelope as Record<string, any>));
    expect(events.map((e) => [e.event_type, e.entity_id, e.actor])).toEqual([
      ['compliance.legal_hold_placed', holdId, { id: 'legal@example.com', type: 'user' }],
      ['compliance.legal_hold_released', holdId, { id: 'legal@example.com', type: 'user' }],
    ]);
    expect(events[0].payload).toEqual({ hold_id: holdId, reason: 'matter 2026-17', placed_by: 'legal@example.com', placed_at: expect.any(Number) });
    expect(events[1].payload).toEqual({ hold_id: holdId, reason: 'matter closed', released_by: 'legal@example.com', placed_at: events[0].payload.placed_at, released_at: expect.any(Number) });
  });

  it('refuses a missing --reason, a tenant that is not one exact id, and a blank reason, naming the field and why', async () => {
    const cases: Array<[string[], string]> = [
      [['hold', 'add', '--tenant', 'acme'], "error: required option '--reason <text>' not specified"],
      [['hold', 'add', '--tenant', '*', '--reason', 'all of them'], `eventline: --tenant "*": must be one exact tenant id; '*' is not a tenant`],
      [['hold', 'add', '--tenant', ' acme', '--reason', 'matter 1'], 'eventline: --tenant " acme": has leading or trailing spaces; tenant ids have none'],
      [['hold', 'remove', '--tenant', 'acme', '--reason', ' '], 'eventline: --reason " ": must say why (a matter or ticket reference); it is blank'],
    ];
    // Side by side: each costs a CLI start.
    const runs = await Promise.all(cases.map(([args]) => cli(...args)));
    expect(runs.map((run) => [run.code, run.stderr.split('\n')[0]])).toEqual(cases.map(([, message]) => [1, message]));
  });
});
