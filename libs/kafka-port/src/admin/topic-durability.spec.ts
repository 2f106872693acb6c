import { topicDurability } from './topic-durability';

describe('topicDurability', () => {
  it('keeps one copy on a single broker', () => {
    expect(topicDurability(1)).toEqual({ replicationFactor: 1, config: { 'min.insync.replicas': '1' } });
  });

  it('keeps two copies, one in sync, on two brokers', () => {
    expect(topicDurability(2)).toEqual({ replicationFactor: 2, config: { 'min.insync.replicas': '1' } });
  });

  it('keeps three copies, two in sync, on three brokers or more', () => {
    for (const brokers of [3, 5, 9]) {
      expect(topicDurability(brokers)).toEqual({ replicationFactor: 3, config: { 'min.insync.replicas': '2' } });
    }
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a broker count of %p, naming the field', (brokers) => {
    expect(() => topicDurability(brokers)).toThrow(/brokerCount must be a positive integer/);
  });
});
