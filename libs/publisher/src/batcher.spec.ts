import type { OutgoingMessage, ProducerPort, RecordMetadata } from '@eventline/kafka-port';
import { Batcher } from './batcher';

/** Records each send and holds it until released, so a test decides when the broker answers. */
class HeldProducer implements ProducerPort {
  readonly sends: Array<{ topic: string; keys: Array<string | null> }> = [];
  private readonly held: Array<{ release: () => void; fail: (error: Error) => void }> = [];
  inFlight = 0;
  maxInFlight = 0;

  connect = async () => undefined;
  disconnect = async () => undefined;

  send(topic: string, messages: OutgoingMessage[]): Promise<RecordMetadata[]> {
    this.sends.push({ topic, keys: messages.map((m) => m.key) });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise((resolve, reject) => {
      const done = () => this.inFlight--;
      this.held.push({ release: () => (done(), resolve([])), fail: (error) => (done(), reject(error)) });
    });
  }

  async answerNext(error?: Error): Promise<void> {
    for (let waited = 0; this.held.length === 0 && waited < 1_000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
    const next = this.held.shift();
    if (!next) throw new Error('no send is waiting');
    if (error) next.fail(error);
    else next.release();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const item = (key: string, topic = 't') => ({ topic, message: { key, value: null } });

describe('Batcher', () => {
  it('sends one batch at a time and puts everything queued meanwhile in the next, in order', async () => {
    const producer = new HeldProducer();
    const batcher = new Batcher(producer, 1, 500);
    const first = batcher.enqueue([item('a1')]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const queued = [batcher.enqueue([item('a2'), item('b1')]), batcher.enqueue([item('a3')])];
    expect(producer.sends).toHaveLength(1);
    await producer.answerNext();
    await first;
    expect(producer.sends.map((s) => s.keys)).toEqual([['a1'], ['a2', 'b1', 'a3']]);
    await producer.answerNext();
    await Promise.all(queued);
    expect(producer.maxInFlight).toBe(1);
  });

  it('sends at once when a batch is full, and splits the queue at maxBatchSize between whole calls', async () => {
    const producer = new HeldProducer();
    const batcher = new Batcher(producer, 60_000, 3);
    const calls = [batcher.enqueue([item('1'), item('2')]), batcher.enqueue([item('3'), item('4')]), batcher.enqueue([item('5')])];
    await producer.answerNext();
    await producer.answerNext();
    await Promise.all(calls);
    expect(producer.sends.map((s) => s.keys)).toEqual([
      ['1', '2'],
      ['3', '4', '5'],
    ]);
  });

  it('splits a call larger than a send into consecutive sends, in order, by count and by bytes', async () => {
    const producer = new HeldProducer();
    const batcher = new Batcher(producer, 60_000, 3, 1_000);
    const big = (key: string) => ({ topic: 't', message: { key, value: Buffer.alloc(400) } });
    const call = batcher.enqueue([item('1'), item('2'), item('3'), item('4'), big('b1'), big('b2'), big('b3')]);
    for (let i = 0; i < 3; i++) await producer.answerNext();
    await call;
    expect(producer.sends.map((s) => s.keys)).toEqual([['1', '2', '3'], ['4', 'b1', 'b2'], ['b3']]);
  });

  it('fails a split call when one of its sends fails, and sends none of its later chunks (no gap in its order)', async () => {
    const producer = new HeldProducer();
    const batcher = new Batcher(producer, 60_000, 2);
    const failed = expect(batcher.enqueue([item('1'), item('2'), item('3'), item('4'), item('5')])).rejects.toThrow('broker said no');
    const other = batcher.enqueue([item('x')]);
    await producer.answerNext(new Error('broker said no'));
    await failed;
    await producer.answerNext();
    await other;
    expect(producer.sends.map((s) => s.keys)).toEqual([['1', '2'], ['x']]);
  });

  it('fails only the calls whose messages were in the failed send', async () => {
    const producer = new HeldProducer();
    const batcher = new Batcher(producer, 1, 500);
    const failed = batcher.enqueue([item('a1')]);
    failed.catch(() => undefined);
    await producer.answerNext(new Error('broker gone'));
    await expect(failed).rejects.toThrow('broker gone');
    const later = batcher.enqueue([item('a2')]);
    await producer.answerNext();
    await expect(later).resolves.toBeUndefined();
  });

  it('sends a message queued by a caller resuming from its acknowledgement, however many ticks later, as the drain ends', async () => {
    for (let hops = 0; hops < 6; hops++) {
      const producer = new HeldProducer();
      const batcher = new Batcher(producer, 1, 500);
      const next = batcher.enqueue([item('a1')]).then(async () => {
        // eslint-disable-next-line @typescript-eslint/await-thenable -- each await is one microtask hop, what the test varies
        for (let i = 0; i < hops; i++) await null;
        return batcher.enqueue([item('a2')]);
      });
      await producer.answerNext();
      await producer.answerNext();
      await next;
      expect(producer.sends.map((s) => s.keys)).toEqual([['a1'], ['a2']]);
    }
  });

  it('flush() resolves once everything queued has been acknowledged', async () => {
    const producer = new HeldProducer();
    const batcher = new Batcher(producer, 60_000, 500);
    void batcher.enqueue([item('x', 'one'), item('y', 'two')]);
    let flushed = false;
    const flush = batcher.flush().then(() => (flushed = true));
    await producer.answerNext();
    expect(flushed).toBe(false);
    await producer.answerNext();
    await flush;
    expect(producer.sends.map((s) => s.topic).sort()).toEqual(['one', 'two']);
  });
});
