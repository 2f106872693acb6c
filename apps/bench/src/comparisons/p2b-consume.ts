import type { BenchRun } from '../bench-run';
import { startCountingConsumer, waitFor } from '../consumers';
import { consumerPerformance } from '../java-tools';
import { log } from '../progress';
import { prefilledTopic } from '../prefill';
import type { Results } from '../results';
import { figure, ratioFigure } from '../stats';
import { eachAdapter, headlineClient } from './adapters';

/**
 * P2b: the consumer runtime (EventConsumer: decode with the registry's writer schema, router that
 * counts; no database) against ConsumerPerformance, each run a new group reading the same
 * pre-filled topic from the beginning. Both rates leave the group join out.
 */
export async function p2bConsume(run: BenchRun, results: Results): Promise<void> {
  const { p3Events: events, runs } = run.options;
  const topic = await prefilledTopic(run, 'fill', events);
  const catalog = run.catalog('fill');
  const sides = await eachAdapter(run, 'P2b', async () => ({ rates: [] as number[] }));
  const java: number[] = [];
  for (let i = 1; i <= runs; i++) {
    log(`P2b run ${i}/${runs}: ConsumerPerformance…`);
    java.push(await consumerPerformance({ topic, records: events, group: run.group(`p2b-java-${i}`), brokers: run.endpoints.kafkaBrokers }, run.signal));
    for (const side of sides) {
      log(`P2b run ${i}/${runs}: consumer runtime, decode only (${side.client})…`);
      const consumer = await startCountingConsumer({ kafka: side.port, registry: run.registry, catalog, group: run.group(`p2b-${side.client}-${i}`), topic });
      const stop = run.cleanup.addOnce(`stop the P2b consumer ${i}`, () => consumer.stop());
      const done = await waitFor(`P2b ${side.client} decoded`, () => consumer.handled() >= events, consumer.handled, events, run.signal, 10);
      side.state.rates.push(events / ((done - consumer.firstBatchAt()!) / 1000));
      await stop();
    }
  }
  const baseline = figure(java);
  results.set('p2b_java_msg_per_s', baseline.median, 0);
  for (const side of sides) {
    const ratio = ratioFigure(side.state.rates, java);
    results.add({
      id: 'P2b',
      what: 'consume: runtime (decode) vs ConsumerPerformance',
      client: side.client,
      eventline: figure(side.state.rates),
      baseline,
      ratio,
      unit: 'ev/s',
      goal: '≥ 0.8×',
      met: ratio.median >= 0.8,
      note: `${events} events pre-filled; group join left out`,
    });
    results.set(`p2b_${side.client}_ev_per_s`, figure(side.state.rates).median, 0);
    results.set(`consume_vs_java_${side.client}`, ratio.median);
    // The headline figure is the platform's own consumer's.
    if (side.client === headlineClient(run, sides, 'consumer')) {
      results.set('p2b_runtime_ev_per_s', figure(side.state.rates).median, 0);
      results.set('consume_vs_java', ratio.median);
    }
  }
}
