import { createKafkaPort, type Headers, type KafkaPort, type OutgoingMessage } from '@eventline/kafka-port';
import { Publisher } from '@eventline/publisher';
import { SchemaRegistryClient, toWireFormat } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { readTopic, ticketAssigned, topicSize, uniqueName } from '@eventline/test-harness';
import { eventline } from '../testing/run-cli';

/** The headers the consumer runtime's dead-letter middleware writes, for a message at `offset` of `topic`. */
const dlqHeaders = (group: string, topic: string, offset: number, errorClass: string, reason: string): Headers => ({
  'dlq-error-class': errorClass,
  'dlq-error-message': reason,
  'dlq-original-topic': topic,
  'dlq-original-partition': '0',
  'dlq-original-offset': String(offset),
  'dlq-original-timestamp': String(Date.parse('2026-11-25T10:00:00Z') + offset),
  'dlq-group': group,
  'dlq-failed-at': '2026-11-25T10:00:05.000Z',
});

describe('eventline dlq', () => {
  jest.setTimeout(180_000);
  const group = uniqueName('cli-dlq-group');
  const dlqTopic = `${group}.dlq`;
  const originalTopic = uniqueName('cli.dlq.original');
  let kafka: KafkaPort;
  let letters: OutgoingMessage[];

  beforeAll(async () => {
    const endpoints = loadStackEndpoints();
    kafka = createKafkaPort({ brokers: endpoints.kafkaBrokers, clientId: 'cli-dlq-test' });
    const admin = kafka.admin();
    await admin.connect();
    await admin.ensureTopics([originalTopic, dlqTopic].map((topic) => ({ topic, partitions: 1, replicationFactor: 1 })));
    await admin.disconnect();

    // A real TICKET_ASSIGNED in the wire format, encoded without being published, so `show` can decode it.
    const encoder = new Publisher({ kafka, registry: new SchemaRegistryClient(endpoints.schemaRegistryUrl), source: 'cli-dlq-test' });
    const [event] = await encoder.prepareAll([ticketAssigned('tenant-b', 7)]);
    letters = [
      {
        key: 'tenant-a',
        value: Buffer.from('not avro at all'),
        headers: { event_type: 'TICKET_ASSIGNED', event_id: 'e-0', tenant_id: 'tenant-a', ...dlqHeaders(group, originalTopic, 10, 'UndecodableMessageError', 'message of 15 bytes is too short') },
      },
      {
        key: 'tenant-b',
        value: event.message.value,
        headers: { ...event.message.headers, ...dlqHeaders(group, originalTopic, 11, 'RejectedEventError', 'assignee agent-1 does not exist in tenant tenant-b') },
      },
      {
        key: 'tenant-c',
        value: toWireFormat(987654321, Buffer.from([2, 4])),
        headers: dlqHeaders(group, originalTopic, 12, 'UnknownSchemaError', 'no schema with id 987654321'),
      },
    ];
    const producer = kafka.producer();
    await producer.connect();
    await producer.send(dlqTopic, letters);
    await producer.disconnect();
  });

  it('lists the dead letters with their error, original position and event type', async () => {
    const listed = await eventline('dlq', 'list', '--group', group);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    const rows = listed.stdout.split('\n').filter((line) => /^\d+ {2}/.test(line));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(new RegExp(`^0 +2026-11-25 10:00:05Z +UndecodableMessageError +${originalTopic.replace(/\./g, '\\.')}/0@10 +TICKET_ASSIGNED +message of 15 bytes`));
    expect(rows[1]).toContain('RejectedEventError');
    expect(rows[2]).toMatch(/UnknownSchemaError +\S+\/0@12 +- +no schema with id 987654321/);
    expect(listed.stdout).toContain(`3 dead letters in ${dlqTopic}`);

    const firstOnly = await eventline('dlq', 'list', '--group', group, '--max', '1');
    expect(firstOnly.stdout).toContain(`3 dead letters in ${dlqTopic} (showing the oldest 1)`);
  });

  it('shows every header of one dead letter and decodes its value', async () => {
    const shown = await eventline('dlq', 'show', '--group', group, '--offset', '1');
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    for (const [name, value] of Object.entries(letters[1].headers ?? {})) expect(shown.stdout).toMatch(new RegExp(`^ {2}${name} +${escape(value)}$`, 'm'));
    expect(shown.stdout).toMatch(/^Value \(Avro, schema id \d+\):$/m);
    expect(shown.stdout).toContain('"ticketId": "T-7"');
  });

  it('previews a value it cannot decode, saying why', async () => {
    const shown = await eventline('dlq', 'show', '--group', group, '--offset', '0');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Value (15 bytes, not decoded: not in the Confluent wire format: unknown magic byte 110');
    expect(shown.stdout).toContain('utf8  "not avro at all"');
    expect(shown.stdout).toMatch(/^ {2}0000 {2}6e 6f 74 20/m);
  });

  it('redrives one dead letter to its original topic, without the dlq-* headers', async () => {
    const redriven = await eventline('dlq', 'redrive', '--group', group, '--offset', '0');
    expect(redriven).toMatchObject({ code: 0, stderr: '' });
    expect(redriven.stdout).toContain(`Redrove 1 dead letter from ${dlqTopic}.`);

    const [message] = await readTopic(kafka, originalTopic, 1);
    expect(message.key).toBe('tenant-a');
    expect(message.value?.toString()).toBe('not avro at all');
    expect(message.headers).toEqual({ event_type: 'TICKET_ASSIGNED', event_id: 'e-0', tenant_id: 'tenant-a', 'dlq-redriven-from': `${dlqTopic}@0` });
    expect(await topicSize(kafka, originalTopic)).toBe(1n);
  });

  it('redrives all not yet redriven by --all, once', async () => {
    const dryRun = await eventline('dlq', 'redrive', '--group', group, '--all', '--dry-run');
    expect(dryRun.stdout).toContain(`Would redrive 3 dead letters from ${dlqTopic}`);
    expect(await topicSize(kafka, originalTopic)).toBe(1n);

    const first = await eventline('dlq', 'redrive', '--group', group, '--all');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(`Redrove 3 dead letters from ${dlqTopic}.`);
    const all = await readTopic(kafka, originalTopic, 4);
    expect(all.map((m) => m.headers['dlq-redriven-from'])).toEqual([0, 0, 1, 2].map((offset) => `${dlqTopic}@${offset}`));
    expect(all[2]).toMatchObject({ key: 'tenant-b', value: letters[1].value });

    const second = await eventline('dlq', 'redrive', '--group', group, '--all');
    expect(second.stdout).toContain(`Redrove 0 dead letters from ${dlqTopic}.`);
    expect(await topicSize(kafka, originalTopic)).toBe(4n);
  });

  it('names the topic when the group has no dead-letter topic', async () => {
    const missing = uniqueName('nope');
    const refused = await eventline('dlq', 'list', '--group', missing);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`eventline: no dead-letter topic ${missing}.dlq`);
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
