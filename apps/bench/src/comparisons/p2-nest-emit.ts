import type { BenchRun } from '../bench-run';
import { benchTenants } from '../events';
import { log, rate } from '../progress';
import { benchPublisher, publishEvents } from '../publish';
import type { Results } from '../results';
import { figure, ratioFigure } from '../stats';
import { nestEmit } from './nest-emit';

/** P2: the SDK against NestJS ClientKafka.emit with JSON, the same events, alternating runs. */
export async function p2NestEmit(run: BenchRun, results: Results): Promise<void> {
  const { p2Events: events, runs } = run.options;
  const tenants = benchTenants(run.options.tenants);
  const nestTopic = `${run.namespace}p2.nest`;
  await run.createTopics([nestTopic]);
  await run.eventTopic('p2-sdk');
  const publisher = benchPublisher(run.main.port, run.registry, run.catalog('p2-sdk'));
  run.cleanup.add('close the P2 publisher', () => publisher.close());
  const nest: number[] = [];
  const sdk: number[] = [];
  for (let i = 1; i <= runs; i++) {
    log(`P2 run ${i}/${runs}: NestJS ClientKafka.emit (JSON)…`);
    nest.push(rate(events, await nestEmit(run.endpoints.kafkaBrokers, nestTopic, tenants, events, run.signal)));
    log(`P2 run ${i}/${runs}: publisher SDK (${run.main.client})…`);
    sdk.push(rate(events, await publishEvents(publisher, tenants, events, run.signal, 'P2 SDK')));
  }
  const ratio = ratioFigure(sdk, nest);
  results.add({
    id: 'P2',
    what: 'publish: SDK vs NestJS ClientKafka.emit JSON',
    client: run.main.client,
    eventline: figure(sdk),
    baseline: figure(nest),
    ratio,
    unit: 'ev/s',
    goal: '≥ 3×',
    met: ratio.median >= 3,
    note: `${events} events, emit() awaited, ${1_000} in flight`,
  });
  results.set('p2_sdk_ev_per_s', figure(sdk).median, 0);
  results.set('p2_nest_emit_ev_per_s', figure(nest).median, 0);
  results.set('publish_vs_nest_json', ratio.median);
}
