import type { ConsumerPort, TopicPartitionOffset } from '@eventline/kafka-port';
import { KafkaOffsetMirror } from './kafka-offset-mirror';

function recordingConsumer() {
  const commits: TopicPartitionOffset[][] = [];
  const consumer = { commitOffsets: async (offsets: TopicPartitionOffset[]) => void commits.push(offsets) } as unknown as ConsumerPort;
  return { consumer, commits };
}

describe('KafkaOffsetMirror', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the latest offset of each partition once per interval, in one request', async () => {
    const { consumer, commits } = recordingConsumer();
    const mirror = new KafkaOffsetMirror(consumer, 1_000);
    mirror.note({ topic: 't', partition: 0, offset: '5' });
    mirror.note({ topic: 't', partition: 0, offset: '9' });
    mirror.note({ topic: 't', partition: 1, offset: '3' });
    expect(commits).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(commits).toEqual([
      [
        { topic: 't', partition: 0, offset: '9' },
        { topic: 't', partition: 1, offset: '3' },
      ],
    ]);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(commits).toHaveLength(1);
  });

  it('drops partitions the member no longer holds, and flushes the rest on demand', async () => {
    const { consumer, commits } = recordingConsumer();
    const mirror = new KafkaOffsetMirror(consumer, 1_000);
    mirror.note({ topic: 't', partition: 0, offset: '5' });
    mirror.note({ topic: 't', partition: 1, offset: '7' });
    mirror.retain([{ topic: 't', partitions: [1] }]);
    await mirror.flush();
    expect(commits).toEqual([[{ topic: 't', partition: 1, offset: '7' }]]);
  });

  it('does not let a failed commit escape', async () => {
    const consumer = { commitOffsets: () => Promise.reject(new Error('coordinator moved')) } as unknown as ConsumerPort;
    const mirror = new KafkaOffsetMirror(consumer, 1_000);
    mirror.note({ topic: 't', partition: 0, offset: '1' });
    await expect(mirror.flush()).resolves.toBeUndefined();
  });
});
