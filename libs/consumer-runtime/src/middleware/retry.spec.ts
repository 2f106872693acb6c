import type { BatchContext } from '../context';
import { retryTransient } from './retry';

const context = (): BatchContext => ({
  group: 'g',
  topic: 't',
  partition: 0,
  messages: [{ topic: 't', partition: 0, offset: '7', key: 'k', value: null, headers: {}, timestamp: 0 }],
  nextOffset: '8',
  highWatermark: '8',
  events: [],
  deadLetters: [],
  heartbeat: jest.fn().mockResolvedValue(undefined),
});

describe('retryTransient', () => {
  it('retries a failing batch with growing delays until it succeeds, never skipping it', async () => {
    const ctx = context();
    const delays: number[] = [];
    let calls = 0;
    const next = jest.fn(async () => {
      calls += 1;
      expect(ctx.messages).toHaveLength(1);
      if (calls < 4) throw new Error('database is down');
    });
    await retryTransient({ initialDelayMs: 1, maxDelayMs: 4, onRetry: (_e, _a, delay) => delays.push(delay) })(ctx, next);
    expect(next).toHaveBeenCalledTimes(4);
    expect(delays).toEqual([1, 2, 4]);
    expect(ctx.heartbeat).toHaveBeenCalledTimes(3);
  });

  it('restores the batch before each attempt', async () => {
    const ctx = context();
    let calls = 0;
    await retryTransient({ initialDelayMs: 1 })(ctx, async () => {
      calls += 1;
      if (calls === 1) {
        ctx.messages = [];
        ctx.deadLetters.push({ message: ctx.messages[0], errorClass: 'X', reason: 'half-done' });
        throw new Error('broker unavailable');
      }
      expect(ctx.messages).toHaveLength(1);
      expect(ctx.deadLetters).toEqual([]);
    });
    expect(calls).toBe(2);
  });
});
