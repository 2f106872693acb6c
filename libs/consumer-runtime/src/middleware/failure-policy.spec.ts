import type { IncomingMessage } from '@eventline/kafka-port';
import type { BatchContext, DeadLetter } from '../context';
import { classifyError } from '../failures/classify';
import { RetryLater } from '../failures/retry-later';
import { failurePolicy } from './failure-policy';

const message = (offset: number): IncomingMessage => ({ topic: 't', partition: 0, offset: String(offset), key: 'k', value: null, headers: {}, timestamp: 0 });

function batch(offsets: number[]): BatchContext {
  return {
    group: 'g',
    topic: 't',
    partition: 0,
    messages: offsets.map(message),
    nextOffset: String(offsets[offsets.length - 1] + 1),
    highWatermark: '100',
    events: [],
    deadLetters: [],
    heartbeat: async () => undefined,
  };
}

/** A stand-in for the rest of the chain: "commits" each part it is given unless it holds a poison offset. */
function chain(context: BatchContext, poison: Set<string>, fault?: () => Error | undefined) {
  const committed: string[][] = [];
  const next = async () => {
    const injected = fault?.();
    if (injected) throw injected;
    const bad = context.messages.find((m) => poison.has(m.offset));
    if (bad) throw new TypeError(`cannot project offset ${bad.offset}`);
    committed.push(context.messages.map((m) => m.offset));
  };
  return { next, committed };
}

function policy(sent: DeadLetter[], permanentRetries = 3) {
  return failurePolicy({ classify: (e) => classifyError(e), sendDeadLetters: async (_c, letters) => void sent.push(...letters), permanentRetries });
}

describe('failurePolicy', () => {
  it('retries a permanently failing batch later, then bisects it: only the poison event is dead-lettered, the rest committed in order', async () => {
    const sent: DeadLetter[] = [];
    const middleware = policy(sent, 2);
    const offsets = Array.from({ length: 10 }, (_, i) => 20 + i);
    const delays: number[] = [];
    let context = batch(offsets);
    let run = chain(context, new Set(['26']));
    for (let attempt = 1; attempt <= 2; attempt++) {
      const retry = await middleware(context, run.next).catch((e: unknown) => e);
      expect(retry).toBeInstanceOf(RetryLater);
      expect(retry).toMatchObject({ kind: 'permanent', fromOffset: '20', attempt });
      delays.push((retry as RetryLater).delayMs);
      context = batch(offsets);
      run = chain(context, new Set(['26']));
    }
    await middleware(context, run.next);
    expect(delays).toEqual([500, 1000]);
    expect(sent.map((letter) => letter.message.offset)).toEqual(['26']);
    expect(sent[0]).toMatchObject({ errorClass: 'TypeError', reason: 'cannot project offset 26' });
    const projected = run.committed.flat();
    expect(projected).toEqual(offsets.map(String).filter((o) => o !== '26'));
    expect(context.deadLetters).toHaveLength(1);
  });

  it('asks for a later retry of a transient failure, from the first offset not committed, without counting it against the retries', async () => {
    const sent: DeadLetter[] = [];
    const middleware = policy(sent, 0);
    let failures = 3;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const context = batch([5, 6]);
      const run = chain(context, new Set(), () => (failures-- > 0 ? Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) : undefined));
      await expect(middleware(context, run.next)).rejects.toMatchObject({ kind: 'transient', fromOffset: '5', attempt, delayMs: 500 * 2 ** (attempt - 1) });
    }
    const context = batch([5, 6]);
    const run = chain(context, new Set());
    await middleware(context, run.next);
    expect(run.committed).toEqual([['5', '6']]);
    expect(sent).toEqual([]);
  });

  it('keeps what bisection committed when a transient fault interrupts it, and resumes after it', async () => {
    const sent: DeadLetter[] = [];
    const middleware = policy(sent, 0);
    const context = batch([1, 2, 3, 4]);
    let calls = 0;
    // First the whole batch fails on the poison; during bisection the database goes away.
    const run = chain(context, new Set(['1']), () => (++calls === 5 ? Object.assign(new Error('terminating connection'), { code: '57P01' }) : undefined));
    await expect(middleware(context, run.next)).rejects.toMatchObject({ kind: 'transient', fromOffset: '2' });
    expect(sent.map((l) => l.message.offset)).toEqual(['1']);
  });

  it('dead-letters a single-event batch that fails permanently once its retries are used up', async () => {
    const sent: DeadLetter[] = [];
    const middleware = policy(sent, 0);
    const context = batch([9]);
    await middleware(context, chain(context, new Set(['9'])).next);
    expect(sent.map((l) => l.message.offset)).toEqual(['9']);
  });
});
