import { createMemoryKafka, withAdmin, type IncomingMessage, type MemoryKafka, type ProducerPort } from '@eventline/kafka-port';
import { readTopic } from '@eventline/test-harness';
import { decodedEvent, type BatchContext, type DeadLetter, type DecodedEvent } from '../context';
import { ensureDeadLetterTopic } from '../dead-letter-topic';
import { RejectedEventError } from '../errors';
import { deadLetters, deadLetterSender, deadLetterTopic } from './dead-letter';

const SOURCE = 'tickets.events.v1';

const message = (offset: number): IncomingMessage => ({
  topic: SOURCE,
  partition: 1,
  offset: String(offset),
  key: `tenant-${offset % 2}`,
  value: Buffer.from(`body-${offset}`),
  headers: { event_type: 'TICKET_ASSIGNED' },
  timestamp: 1_700_000_000_000 + offset,
});

const event = (offset: number): DecodedEvent => decodedEvent({ eventType: 'TICKET_ASSIGNED', eventId: `e-${offset}`, tenantId: 't', schemaId: 1, envelope: {}, message: message(offset) });

function batch(offsets: number[], extra: Partial<BatchContext> & { tx?: unknown; rejected?: Map<string, DeadLetter> } = {}): BatchContext {
  return {
    group: 'notifier',
    topic: SOURCE,
    partition: 1,
    messages: offsets.map(message),
    nextOffset: String(offsets.at(-1)! + 1),
    highWatermark: '99',
    events: offsets.map(event),
    deadLetters: [],
    heartbeat: async () => undefined,
    ...extra,
  } as BatchContext;
}

/** The group's dead-letter topic on the in-memory port, created as the consumer creates it, and a producer for the sender. */
async function dlq(): Promise<{ kafka: MemoryKafka; producer: ProducerPort }> {
  const kafka = createMemoryKafka();
  await withAdmin(kafka, async (admin) => {
    await admin.ensureTopics([{ topic: SOURCE, partitions: 3, replicationFactor: 1 }]);
    await ensureDeadLetterTopic(admin, 'notifier', [SOURCE], '3600000');
  });
  const producer = kafka.producer();
  await producer.connect();
  return { kafka, producer };
}

describe('deadLetters middleware', () => {
  it("runs the handler again without an event it rejected, and sends that event to the group's dead-letter topic with its reason and origin", async () => {
    const { kafka, producer } = await dlq();
    const context = batch([10, 11, 12]);
    const handled: string[][] = [];
    await deadLetters(deadLetterSender(producer))(context, async () => {
      handled.push(context.events.map((e) => e.message.offset));
      const bad = context.events.find((e) => e.message.offset === '11');
      if (bad) throw new RejectedEventError(bad, 'assignee 7 does not exist');
    });

    expect(handled).toEqual([
      ['10', '11', '12'],
      ['10', '12'],
    ]);
    const [letter] = await readTopic(kafka, deadLetterTopic('notifier'), 1);
    expect(letter.key).toBe('tenant-1');
    expect(letter.value?.toString()).toBe('body-11');
    expect(letter.headers).toMatchObject({
      event_type: 'TICKET_ASSIGNED',
      'dlq-error-class': 'RejectedEventError',
      'dlq-error-message': 'assignee 7 does not exist',
      'dlq-original-topic': SOURCE,
      'dlq-original-partition': '1',
      'dlq-original-offset': '11',
      'dlq-original-timestamp': '1700000000011',
      'dlq-group': 'notifier',
    });
    expect(Date.parse(letter.headers['dlq-failed-at'])).not.toBeNaN();
  });

  it('sends the letters earlier stages left (undecodable bytes) and those of events rejected in an earlier transaction attempt, after the handler succeeded', async () => {
    const { kafka, producer } = await dlq();
    const rejected = new Map<string, DeadLetter>([['12', { message: message(12), errorClass: 'RejectedEventError', reason: 'rejected before' }]]);
    const context = batch([11, 12, 13], { tx: {}, rejected });
    context.deadLetters.push({ message: message(10), errorClass: 'UndecodableMessageError', reason: 'not the wire format' });
    let seen: string[] = [];
    await deadLetters(deadLetterSender(producer))(context, async () => void (seen = context.events.map((e) => e.message.offset)));

    expect(seen).toEqual(['11', '13']);
    const letters = await readTopic(kafka, deadLetterTopic('notifier'), 2);
    expect(letters.map((l) => [l.headers['dlq-original-offset'], l.headers['dlq-error-class']]).sort()).toEqual([
      ['10', 'UndecodableMessageError'],
      ['12', 'RejectedEventError'],
    ]);
  });

  it('leaves a rejection inside a transaction to the transaction middleware, and sends nothing for that attempt', async () => {
    const { kafka, producer } = await dlq();
    const context = batch([5], { tx: {} });
    const rejection = new RejectedEventError(context.events[0], 'no');
    await expect(deadLetters(deadLetterSender(producer))(context, async () => Promise.reject(rejection))).rejects.toBe(rejection);
    expect(await withAdmin(kafka, (admin) => admin.endOffsets(deadLetterTopic('notifier')))).toEqual([0, 1, 2].map((partition) => ({ partition, offset: '0' })));
  });

  it('fails the batch when the dead-letter topic cannot take the letter, so it is retried rather than lost', async () => {
    const kafka = createMemoryKafka();
    const producer = kafka.producer();
    await producer.connect();
    const context = batch([1]);
    context.deadLetters.push({ message: message(1), errorClass: 'UndecodableMessageError', reason: 'bad bytes' });
    await expect(deadLetters(deadLetterSender(producer))(context, async () => undefined)).rejects.toMatchObject({
      name: 'KafkaPortError',
      message: expect.stringContaining('notifier.dlq does not exist'),
    });
  });
});
