import type { PoolClient } from 'pg';
import type { IncomingMessage } from '@eventline/kafka-port';
import type { BatchContext, TransactionalContext } from '../context';
import { readStoredOffsets, storedOffsets } from './offsets';

/** A transaction client that answers the position lookup with `stored` (none when undefined) and records every statement. */
function recordingTx(stored?: string) {
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  const tx = {
    query: async (sql: string, params: unknown[]) => {
      statements.push({ sql: sql.replace(/\s+/g, ' ').trim(), params });
      return { rows: sql.startsWith('SELECT') && stored !== undefined ? [{ next_offset: stored }] : [] };
    },
  } as unknown as PoolClient;
  return { tx, statements };
}

const message = (offset: number): IncomingMessage => ({ topic: 'tickets', partition: 3, offset: String(offset), key: 'k', value: null, headers: {}, timestamp: 0 });

function batch(offsets: number[], tx: PoolClient): TransactionalContext {
  const context: BatchContext = {
    group: 'projector',
    topic: 'tickets',
    partition: 3,
    messages: offsets.map(message),
    nextOffset: String(offsets.at(-1)! + 1),
    highWatermark: '99',
    events: [],
    deadLetters: [],
    heartbeat: async () => undefined,
  };
  return { ...context, tx, rejected: new Map() };
}

const clusterId = () => 'cluster-1';

describe('storedOffsets middleware', () => {
  it('locks the stored position, drops messages already projected, and stores the new position in the same transaction', async () => {
    const { tx, statements } = recordingTx('12');
    const context = batch([10, 11, 12, 13, 14], tx);
    let handed: string[] = [];
    await storedOffsets(clusterId)(context, async () => void (handed = context.messages.map((m) => m.offset)));

    expect(handed).toEqual(['12', '13', '14']);
    expect(statements[0]).toEqual({ sql: expect.stringMatching(/^SELECT next_offset FROM consumer_offsets WHERE .* FOR UPDATE$/), params: ['cluster-1', 'projector', 'tickets', 3] });
    expect(statements[1]).toEqual({
      sql: expect.stringMatching(/^INSERT INTO consumer_offsets .* ON CONFLICT .* DO UPDATE SET next_offset = EXCLUDED.next_offset/),
      params: ['cluster-1', 'projector', 'tickets', 3, '15'],
    });
    expect(statements).toHaveLength(2);
  });

  it('stores the first position of a partition it has none for, keeping every message', async () => {
    const { tx, statements } = recordingTx();
    const context = batch([0, 1], tx);
    let handed = 0;
    await storedOffsets(clusterId)(context, async () => void (handed = context.messages.length));
    expect(handed).toBe(2);
    expect(statements.map((s) => s.params.at(-1))).toEqual([3, '2']);
  });

  it('skips the handler and writes nothing for a batch projected before (a re-delivery after a rebalance)', async () => {
    const { tx, statements } = recordingTx('20');
    const context = batch([17, 18, 19], tx);
    let called = false;
    await storedOffsets(clusterId)(context, async () => void (called = true));
    expect(called).toBe(false);
    expect(statements).toHaveLength(1);
  });

  it('reads back the stored position of every partition of a group, to seek to on assignment', async () => {
    const asked: unknown[][] = [];
    const stored = await readStoredOffsets(
      async (_sql, params) => {
        asked.push(params);
        return {
          rows: [
            { topic: 'tickets', partition: 0, next_offset: '7' },
            { topic: 'users', partition: 2, next_offset: '40' },
          ],
        };
      },
      'cluster-1',
      'projector',
    );
    expect(asked).toEqual([['cluster-1', 'projector']]);
    expect(stored).toEqual([
      { topic: 'tickets', partition: 0, offset: '7' },
      { topic: 'users', partition: 2, offset: '40' },
    ]);
  });
});
