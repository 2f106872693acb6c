import { createPool } from '@eventline/persistence';
import { loadStackEndpoints } from '@eventline/stack-config';
import { uniqueName } from '@eventline/test-harness';
import { decodedEvent, type BatchContext, type DeadLetter, type DecodedEvent, type TransactionalContext } from '../context';
import { RejectedEventError } from '../errors';
import { deadLetters } from './dead-letter';
import { inTransaction } from './transaction';
import { pipeline } from '../pipeline/pipeline';

const event = (offset: number): DecodedEvent =>
  decodedEvent({
    eventType: 'T',
    eventId: `e-${offset}`,
    tenantId: 't',
    schemaId: 1,
    envelope: {},
    message: { topic: 't', partition: 0, offset: String(offset), key: 't', value: null, headers: {}, timestamp: 0 },
  });

describe('a handler rejecting an event inside the batch transaction (real PostgreSQL)', () => {
  const pool = createPool({ applicationName: 'consumer-runtime-rejection-test', connectionString: loadStackEndpoints().databaseUrl, max: 2 });
  const table = uniqueName('rejection_test').replace(/-/g, '_');
  beforeAll(() => pool.query(`CREATE TABLE ${table} (offset_ bigint PRIMARY KEY)`));
  afterAll(async () => {
    await pool.query(`DROP TABLE IF EXISTS ${table}`);
    await pool.end();
  });

  it("rolls back the handler's writes for the batch and commits it again without the rejected event, dead-lettering it once", async () => {
    const sent: DeadLetter[] = [];
    const runs: string[][] = [];
    const handler = async (context: TransactionalContext) => {
      runs.push(context.events.map((e) => e.message.offset));
      for (const e of context.events) {
        await context.tx.query(`INSERT INTO ${table} (offset_) VALUES ($1)`, [e.message.offset]);
        if (e.message.offset === '2') throw new RejectedEventError(e, 'offset 2 is not for this handler');
      }
    };
    const decoded = async (context: BatchContext, next: () => Promise<void>) => {
      context.events = [1, 2, 3].map(event);
      await next();
    };
    const run = pipeline()
      .use(inTransaction(pool))
      .use(decoded)
      .use(deadLetters(async (_c, letters) => void sent.push(...letters)))
      .handle(handler);
    const context = { group: 'g', topic: 't', partition: 0, messages: [], nextOffset: '4', highWatermark: '4', events: [], deadLetters: [], heartbeat: async () => undefined } as BatchContext;

    await run(context);

    const { rows } = await pool.query<{ offset_: string }>(`SELECT offset_ FROM ${table} ORDER BY offset_`);
    expect(rows.map((r) => r.offset_)).toEqual(['1', '3']);
    expect(runs).toEqual([
      ['1', '2', '3'],
      ['1', '3'],
    ]);
    expect(sent.map((l) => [l.message.offset, l.errorClass, l.reason])).toEqual([['2', 'RejectedEventError', 'offset 2 is not for this handler']]);
    expect(context.deadLetters).toHaveLength(1);
    expect((context as Partial<TransactionalContext>).tx).toBeUndefined();
  });
});
