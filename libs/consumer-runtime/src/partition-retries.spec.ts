import type { ConsumerPort, IncomingBatch } from '@eventline/kafka-port';
import { PartitionRetries } from './partition-retries';

function fakeConsumer() {
  const calls: string[] = [];
  const consumer = {
    pause: (p: Array<{ topic: string; partitions: number[] }>) => calls.push(`pause ${p[0].topic}/${p[0].partitions}`),
    resume: (p: Array<{ topic: string; partitions: number[] }>) => calls.push(`resume ${p[0].topic}/${p[0].partitions}`),
    seek: (o: { topic: string; partition: number; offset: string }) => calls.push(`seek ${o.topic}/${o.partition}@${o.offset}`),
  } as unknown as ConsumerPort;
  return { consumer, calls };
}

const batch = (partition: number, firstOffset: number) => ({ topic: 't', partition, messages: [{ offset: String(firstOffset) }] }) as unknown as IncomingBatch;

describe('PartitionRetries', () => {
  it('pauses and rewinds a partition, skips a batch fetched before the rewind, and takes the re-read one', () => {
    const { consumer, calls } = fakeConsumer();
    const retries = new PartitionRetries(consumer);
    retries.schedule('t', 0, '10', 60_000);
    expect(calls).toEqual(['pause t/0', 'seek t/0@10']);
    expect(retries.isStale(batch(0, 15))).toBe(true);
    expect(calls.at(-1)).toBe('seek t/0@10');
    expect(retries.isStale(batch(0, 10))).toBe(false);
    expect(retries.isStale(batch(0, 15))).toBe(false);
    expect(retries.isStale(batch(1, 99))).toBe(false);
    retries.clear();
  });

  it('resumes a partition revoked while it waited once it is assigned again; one still waiting stays paused', () => {
    const { consumer, calls } = fakeConsumer();
    const retries = new PartitionRetries(consumer);
    retries.schedule('t', 0, '10', 60_000);
    retries.schedule('t', 1, '20', 60_000);
    retries.assigned([{ topic: 't', partitions: [1] }]);
    calls.length = 0;
    retries.assigned([{ topic: 't', partitions: [0, 1] }]);
    expect(calls).toEqual(['resume t/0']);
    retries.clear();
  });

  it('resumes the partition once the backoff has passed', async () => {
    const { consumer, calls } = fakeConsumer();
    const retries = new PartitionRetries(consumer);
    retries.schedule('t', 3, '5', 10);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls.at(-1)).toBe('resume t/3');
  });
});
