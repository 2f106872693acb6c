import { parseConsumerPerformance, parseProducerPerformance } from './java-tools';
import { scalingWindows } from './comparisons/p6-scaling';

describe("reading the Kafka tools' output", () => {
  it("takes ProducerPerformance's records/sec from its summary line, not from the progress lines", () => {
    const stdout = [
      '98345 records sent, 19669.0 records/sec (3.24 MB/sec), 1203.1 ms avg latency, 1765.0 ms max latency.',
      '200000 records sent, 51234.5 records/sec (8.45 MB/sec), 512.30 ms avg latency, 1800.00 ms max latency, 450 ms 50th, 1500 ms 95th, 1700 ms 99th, 1790 ms 99.9th.',
    ].join('\n');
    expect(parseProducerPerformance(stdout)).toBe(51234.5);
  });

  it("takes ConsumerPerformance's fetch.nMsg.sec, skipping the client's log lines between header and values", () => {
    const stdout = [
      'start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec',
      '[2026-12-02 06:03:03,872] INFO ConsumerConfig values: ',
      '\tallow.auto.create.topics = true',
      '2026-12-02 06:03:04:100, 2026-12-02 06:03:07:200, 16.5, 5.3, 100000, 32258.1, 3000, 100, 165.0, 1000000.0',
    ].join('\n');
    expect(parseConsumerPerformance(stdout)).toBe(1_000_000);
  });

  it('fails naming the tool when there is no summary', () => {
    expect(() => parseProducerPerformance('nothing')).toThrow(/ProducerPerformance printed no summary/);
    expect(() => parseConsumerPerformance('nothing')).toThrow(/ConsumerPerformance printed no stats/);
  });
});

describe('P6 windows', () => {
  it('compares up to four early windows, the first left out, with the last four', () => {
    const costs = Array.from({ length: 99 }, (_, i) => i);
    expect(scalingWindows(costs)).toEqual({ early: [1, 2, 3, 4], late: [95, 96, 97, 98] });
  });

  it('never uses one window on both sides', () => {
    expect(scalingWindows([5, 7])).toEqual({ early: [5], late: [7] });
  });
});
