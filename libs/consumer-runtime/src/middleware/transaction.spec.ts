import type { Pool, PoolClient } from 'pg';
import { createMemoryKafka, withAdmin, type IncomingMessage } from '@eventline/kafka-port';
import { readTopic } from '@eventline/test-harness';
import { decodedEvent, type BatchContext, type TransactionalContext } from '../context';
import { RejectedEventError } from '../errors';
import { deadLetters, deadLetterSender, deadLetterTopic } from './dead-letter';
import { inTransaction } from './transaction';

/**
 * A pool whose one client records the statements it is sent: what the middleware does around the
 * handler is pure ordering logic. The rollback of real rows is in rejection.int.spec.ts.
 */
function recordingPool() {
  const statements: string[] = [];
  let released = 0;
  const client = { query: async (sql: string) => void statements.push(sql), release: () => void released++ } as unknown as PoolClient;
  const pool = { connect: async () => client } as unknown as Pool;
  return { pool, client, statements, released: () => released };
}

const message = (offset: number): IncomingMessage => ({ topic: 'tickets', partition: 0, offset: String(offset), key: 'tenant-a', value: Buffer.from(`v${offset}`), headers: {}, timestamp: 0 });

function batch(offsets: number[]): BatchContext {
  const events = offsets.map((offset) => decodedEvent({ eventType: 'TICKET_ASSIGNED', eventId: `e-${offset}`, tenantId: 't', schemaId: 1, envelope: {}, message: message(offset) }));
  return {
    group: 'projector',
    topic: 'tickets',
    partition: 0,
    messages: events.map((e) => e.message),
    nextOffset: String(offsets.at(-1)! + 1),
    highWatermark: '9',
    events,
    deadLetters: [],
    heartbeat: async () => undefined,
  };
}

/** What a handler writes: one statement naming the offsets of the events it was given. */
const write = (context: BatchContext) => (context as TransactionalContext).tx.query(`INSERT ${context.events.map((e) => e.message.offset).join(',')}`);

describe('inTransaction middleware', () => {
  it('runs the rest of the chain in one transaction on one client, and takes the client away afterwards', async () => {
    const { pool, client, statements, released } = recordingPool();
    const context = batch([1, 2]);
    let seen: unknown;
    await inTransaction(pool)(context, async () => {
      seen = (context as TransactionalContext).tx;
      await write(context);
    });
    expect(seen).toBe(client);
    expect(statements).toEqual(['BEGIN', 'INSERT 1,2', 'COMMIT']);
    expect(released()).toBe(1);
    expect((context as Partial<TransactionalContext>).tx).toBeUndefined();
  });

  it("rolls back a batch whose handler rejected an event and commits it again without it; the event is dead-lettered once, to the memory port's DLQ", async () => {
    const kafka = createMemoryKafka();
    await withAdmin(kafka, (admin) => admin.ensureTopics([{ topic: deadLetterTopic('projector'), partitions: 1, replicationFactor: 1 }]));
    const producer = kafka.producer();
    await producer.connect();
    const { pool, statements, released } = recordingPool();
    const context = batch([1, 2, 3]);
    const handler = async () => {
      await write(context);
      const bad = context.events.find((e) => e.message.offset === '2');
      if (bad) throw new RejectedEventError(bad, 'unknown assignee');
    };
    await inTransaction(pool)(context, () => deadLetters(deadLetterSender(producer))(context, handler));

    expect(statements).toEqual(['BEGIN', 'INSERT 1,2,3', 'ROLLBACK', 'BEGIN', 'INSERT 1,3', 'COMMIT']);
    expect(released()).toBe(2);
    expect(context.deadLetters.map((l) => l.message.offset)).toEqual(['2']);
    const letters = await readTopic(kafka, deadLetterTopic('projector'), 1);
    expect(letters.map((l) => [l.value?.toString(), l.headers['dlq-error-class'], l.headers['dlq-error-message']])).toEqual([['v2', 'RejectedEventError', 'unknown assignee']]);
    expect(await withAdmin(kafka, (admin) => admin.endOffsets(deadLetterTopic('projector')))).toEqual([{ partition: 0, offset: '1' }]);
  });

  it('refuses to loop when the handler rejects an event it was no longer given', async () => {
    const { pool, statements } = recordingPool();
    const context = batch([4, 5]);
    const ghost = batch([5]).events[0];
    const error = await inTransaction(pool)(context, async () => Promise.reject(new RejectedEventError(ghost, 'stale'))).catch((e: unknown) => e);
    expect((error as Error).message).toBe('the handler rejected offset 5 again after it was removed from the batch: stale');
    expect(statements).toEqual(['BEGIN', 'ROLLBACK', 'BEGIN', 'ROLLBACK']);
  });

  it('rolls back and passes on any other failure, for the failure policy to classify', async () => {
    const { pool, statements, released } = recordingPool();
    const context = batch([1]);
    const failure = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    await expect(inTransaction(pool)(context, async () => Promise.reject(failure))).rejects.toBe(failure);
    expect(statements).toEqual(['BEGIN', 'ROLLBACK']);
    expect(released()).toBe(1);
    expect((context as Partial<TransactionalContext>).rejected).toBeUndefined();
  });
});
