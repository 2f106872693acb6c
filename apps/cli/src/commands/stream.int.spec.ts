import { eventline } from '../testing/run-cli';
import { createKafkaPort } from '@eventline/kafka-port';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { uniqueName } from '@eventline/test-harness';

/** The JSON lines `tail` prints; anything else on stdout would break scripts reading it. */
const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const assignment = (ticketId: string) => ({
  ticketId,
  newAssigneeId: 'agent-9',
  newAssigneeType: 'user',
  actorUserId: 'agent-7',
  assignedAt: '2026-11-25T10:00:00Z',
});

describe('eventline publish and tail', () => {
  jest.setTimeout(180_000);

  it("publishes a TICKET_ASSIGNED and tails it back from the tenant's events", async () => {
    const tenant = uniqueName('cli-tenant');
    const published = await eventline('publish', '--type', 'TICKET_ASSIGNED', '--tenant', tenant, '--actor', 'user:agent-7', '--payload', JSON.stringify(assignment('T-42')));
    expect(published).toMatchObject({ code: 0, stderr: '' });
    const eventId = published.stdout.trim();
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);

    const tailed = await eventline('tail', '--topic', 'tickets.events.v1', '--tenant', tenant, '--from-beginning', '--max', '1');
    expect(tailed.code).toBe(0);
    const lines = jsonLines(tailed.stdout);
    expect(lines).toEqual([
      {
        offset: expect.any(String),
        partition: expect.any(Number),
        key: tenant,
        event_type: 'TICKET_ASSIGNED',
        event_id: eventId,
        envelope: expect.objectContaining({
          tenant_id: tenant,
          actor: { id: 'agent-7', type: 'user' },
          entity_type: 'ticket',
          // Taken from the payload's ticketId: no --entity-id was given.
          entity_id: 'T-42',
          source: 'eventline-cli',
          payload: expect.objectContaining({ ticketId: 'T-42', assignedAt: Date.parse('2026-11-25T10:00:00Z') }),
        }),
      },
    ]);
  });

  it('refuses a field of the wrong type, naming it, and exits 1', async () => {
    const payload = { ...assignment('T-43'), newAssigneeId: 42 };
    const refused = await eventline('publish', '--type', 'TICKET_ASSIGNED', '--tenant', uniqueName('cli-bad'), '--payload', JSON.stringify(payload));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('invalid event TICKET_ASSIGNED, nothing was published');
    expect(refused.stderr).toMatch(/^ {2}payload\.newAssigneeId: expected string, got number 42$/m);
  });

  it('refuses --payload that is not JSON', async () => {
    const refused = await eventline('publish', '--type', 'TICKET_ASSIGNED', '--tenant', 't', '--payload', "{ticketId: 'T-1'}");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/eventline: --payload is not valid JSON/);
  });

  it('asks for --entity-id when the payload does not carry the entity id', async () => {
    const { ticketId: _, ...payload } = assignment('T-44');
    const refused = await eventline('publish', '--type', 'TICKET_ASSIGNED', '--tenant', 't', '--payload', JSON.stringify(payload));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('no ticketId or ticket_id in --payload to take the ticket id from; pass --entity-id <id>');
  });

  it('warns about a message it cannot decode and goes on to the next', async () => {
    const endpoints = loadStackEndpoints();
    const kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'cli-stream-test' });
    const topic = uniqueName('cli.tail');
    const admin = kafka.admin();
    await admin.connect();
    await admin.ensureTopics([{ topic, partitions: 1, replicationFactor: 1 }]);
    await admin.disconnect();
    // A real encoded event, produced to a private topic right after a message that is not one.
    const encoder = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), source: 'cli-stream-test' });
    const [event] = await encoder.prepareAll([{ event_type: 'TICKET_ASSIGNED', tenant_id: 't', entity_id: 'T-45', payload: assignment('T-45') }]);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send(topic, [{ key: 't', value: Buffer.from('not an event') }, event.message]);
    await producer.disconnect();

    const tailed = await eventline('tail', '--topic', topic, '--from-beginning', '--max', '1');
    expect(tailed.code).toBe(0);
    expect(tailed.stderr).toMatch(/^warning: partition 0 offset 0: not a decodable event/m);
    expect(jsonLines(tailed.stdout)).toEqual([expect.objectContaining({ offset: '1', event_id: event.eventId })]);
  });
});
