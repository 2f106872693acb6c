import { PartitionProgress } from './partition-progress';

describe('PartitionProgress', () => {
  let now = 0;
  const progress = () => new PartitionProgress(() => now);

  beforeEach(() => (now = 1_000_000));

  it('calls a partition stalled when it has lag and has not moved for longer than the threshold', () => {
    const tracker = progress();
    tracker.assigned([{ topic: 't', partitions: [0, 1] }]);
    tracker.advanced('t', 0, 50);
    tracker.advanced('t', 1, 0);
    now += 31_000;
    expect(tracker.stalled(30)).toEqual([{ topic: 't', partition: 0, lag: 50, secondsSinceProgress: 31, waitingOn: undefined }]);
    expect(tracker.stalled(60)).toEqual([]);
  });

  it('calls a partition waiting on a retry stalled even when its lag is unknown, and clears it once it moves', () => {
    const tracker = progress();
    tracker.assigned([{ topic: 't', partitions: [0] }]);
    tracker.waiting('t', 0, 'connect ECONNREFUSED');
    now += 20_000;
    expect(tracker.stalled(15)).toMatchObject([{ partition: 0, waitingOn: 'connect ECONNREFUSED' }]);
    tracker.advanced('t', 0, 0);
    expect(tracker.stalled(15)).toEqual([]);
  });

  it('forgets partitions that a rebalance took away', () => {
    const tracker = progress();
    tracker.assigned([{ topic: 't', partitions: [0, 1] }]);
    tracker.assigned([{ topic: 't', partitions: [1] }]);
    expect(tracker.all().map((state) => state.partition)).toEqual([1]);
  });
});
