import { benchTenants } from '../events';
import { producerPerformance } from '../java-tools';
import { log, rate } from '../progress';
import { benchPublisher, meanEncodedSize, publishEvents } from '../publish';
import type { BenchRun } from '../bench-run';
import type { Results } from '../results';
import { figure, ratioFigure } from '../stats';
import { eachAdapter, headlineClient } from './adapters';

/**
 * P1: the publisher SDK (Avro, contract-checked, acks=all, idempotent) against Kafka's
 * ProducerPerformance from the stack's jars, on topics of the catalog topic's partition count,
 * records of the SDK's mean encoded size, keyed by as many keys as the bench has tenants.
 * Runs alternate: Java, then each adapter, `runs` times.
 */
export async function p1Publish(run: BenchRun, results: Results): Promise<void> {
  const { p1Events: events, runs } = run.options;
  const tenants = benchTenants(run.options.tenants);
  const javaTopic = `${run.namespace}p1.java`;
  await run.createTopics([javaTopic]);
  const sides = await eachAdapter(run, 'P1', async (adapter) => {
    const scope = `p1-${adapter.client}`;
    await run.eventTopic(scope);
    const publisher = benchPublisher(adapter.port, run.registry, run.catalog(scope));
    run.cleanup.add(`close the P1 ${adapter.client} publisher`, () => publisher.close());
    return { publisher, rates: [] as number[] };
  });
  const main = sides.find((side) => side.client === run.choice.producer) ?? sides[0];
  const recordSize = Math.round(await meanEncodedSize(main.state.publisher, tenants));
  log(`P1: records of ${recordSize} bytes (the SDK's mean encoded TICKET_ASSIGNED), ${run.partitions} partitions, ${events} records per run`);
  const java: number[] = [];
  for (let i = 1; i <= runs; i++) {
    log(`P1 run ${i}/${runs}: ProducerPerformance…`);
    java.push(await producerPerformance({ topic: javaTopic, records: events, recordSize, keys: tenants.length, brokers: run.endpoints.kafkaBrokers }, run.signal));
    for (const side of sides) {
      log(`P1 run ${i}/${runs}: publisher SDK (${side.client})…`);
      side.state.rates.push(rate(events, await publishEvents(side.state.publisher, tenants, events, run.signal, `P1 ${side.client}`)));
    }
  }
  const baseline = figure(java);
  results.set('p1_java_rec_per_s', baseline.median, 0);
  results.set('p1_record_bytes', recordSize, 0);
  for (const side of sides) {
    const eventline = figure(side.state.rates);
    const ratio = ratioFigure(side.state.rates, java);
    results.add({
      id: 'P1',
      what: 'publish: SDK vs ProducerPerformance',
      client: side.client,
      eventline,
      baseline,
      ratio,
      unit: 'ev/s',
      goal: '≥ 1.0×',
      met: ratio.median >= 1,
      note: `${events} records of ${recordSize} B, acks=all, idempotent; the SDK's also carry a tenant key and headers`,
    });
    results.set(`p1_${side.client}_ev_per_s`, eventline.median, 0);
    results.set(`publish_vs_java_${side.client}`, ratio.median);
    // The headline figure is the platform's own producer's.
    if (side.client === headlineClient(run, sides, 'producer')) {
      results.set('p1_sdk_ev_per_s', eventline.median, 0);
      results.set('publish_vs_java', ratio.median);
    }
  }
}
