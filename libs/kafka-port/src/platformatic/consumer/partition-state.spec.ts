import { PartitionState } from './partition-state';
import { partitionKey } from './partition-key';

const key = (partition: number) => partitionKey('t', partition);

describe('PartitionState', () => {
  it('fetches owned partitions that have a position and are not paused', () => {
    const state = new PartitionState();
    state.assign([{ topic: 't', partitions: [0, 1, 2] }]);
    state.seek('t', 0, 5n);
    state.seek('t', 1, 7n);
    state.pause('t', [1]);
    expect(state.fetchable().map((p) => [p.partition, p.offset])).toEqual([[0, 5n]]);
    expect(state.withoutPosition().committed.map((p) => p.partition)).toEqual([2]);
    state.resume('t', [1]);
    expect(state.fetchable().map((p) => p.partition)).toEqual([0, 1]);
  });

  it('moves a partition on only from where the fetch started: a seek made meanwhile wins', () => {
    const state = new PartitionState();
    state.assign([{ topic: 't', partitions: [0] }]);
    state.seek('t', 0, 10n);
    expect(state.advance(key(0), 10n, 20n)).toBe(true);
    state.seek('t', 0, 12n);
    expect(state.advance(key(0), 20n, 30n)).toBe(false);
    expect(state.position(key(0))).toBe(12n);
  });

  it('forgets positions on every assignment, keeps pauses, and ignores start positions of an older epoch', () => {
    const state = new PartitionState();
    state.assign([{ topic: 't', partitions: [0, 1] }]);
    state.seek('t', 0, 3n);
    state.pause('t', [1]);
    const oldEpoch = state.epoch;
    state.assign([{ topic: 't', partitions: [1] }]);
    expect(state.owns(key(0))).toBe(false);
    state.setIfUnknown(key(1), 9n, oldEpoch);
    expect(state.position(key(1))).toBeUndefined();
    state.setIfUnknown(key(1), 9n, state.epoch);
    expect(state.position(key(1))).toBe(9n);
    expect(state.isPaused(key(1))).toBe(true);
  });

  it('sends a partition whose offset was out of range to the reset policy, not its committed offset', () => {
    const state = new PartitionState();
    state.assign([{ topic: 't', partitions: [0, 1] }]);
    state.seek('t', 0, 100n);
    state.markOutOfRange(key(0));
    const missing = state.withoutPosition();
    expect(missing.outOfRange.map((p) => p.partition)).toEqual([0]);
    expect(missing.committed.map((p) => p.partition)).toEqual([1]);
  });
});
