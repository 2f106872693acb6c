import { performance } from 'node:perf_hooks';
import type { BenchRun } from '../bench-run';
import { countRows, waitFor } from '../consumers';
import { benchJsonEvent, benchTenants } from '../events';
import { fmtInt, log } from '../progress';
import { prefilledTopic } from '../prefill';
import type { Results } from '../results';
import { figure, ratioFigure } from '../stats';
import { startNestInsertService } from './nest-insert';
import { projectionRun } from './projection-run';

/**
 * P4: the audit projection against a NestJS @EventPattern handler doing one INSERT per event, on
 * the same events (Avro for Eventline, JSON for Nest), each pre-filled, each run into empty tables.
 */
export async function p4NestInsert(run: BenchRun, results: Results): Promise<void> {
  const { p4Events: events, runs } = run.options;
  const avroTopic = await prefilledTopic(run, 'p4', events);
  const jsonTopic = await fillJson(run, events);
  const nest: number[] = [];
  const eventline: number[] = [];
  for (let i = 1; i <= runs; i++) {
    log(`P4 run ${i}/${runs}: NestJS @EventPattern handler, one INSERT per event…`);
    nest.push(await nestRun(run, jsonTopic, events, i));
    log(`P4 run ${i}/${runs}: audit projection (${run.main.client})…`);
    eventline.push(await projectionRun(run, run.main.port, 'p4', avroTopic, events, `p4-eventline-${i}`));
  }
  await run.db.truncateProjection();
  const ratio = ratioFigure(eventline, nest);
  results.add({
    id: 'P4',
    what: 'project: audit projection vs NestJS INSERT per event',
    client: run.main.client,
    eventline: figure(eventline),
    baseline: figure(nest),
    ratio,
    unit: 'ev/s',
    goal: '≥ 10×',
    met: ratio.median >= 10,
    note: `${events} events; Nest writes audit_logs only, Eventline both tables`,
  });
  results.set('p4_projection_ev_per_s', figure(eventline).median, 0);
  results.set('p4_nest_insert_ev_per_s', figure(nest).median, 0);
  results.set('projection_vs_nest_insert', ratio.median);
}

async function nestRun(run: BenchRun, topic: string, events: number, i: number): Promise<number> {
  await run.db.truncateProjection();
  let inserted = 0;
  let first: number | undefined;
  const service = await startNestInsertService(run.endpoints.kafkaBrokers, topic, run.group(`p4-nest-${i}`), run.db.pool, () => {
    first ??= performance.now();
    inserted++;
  });
  const stop = run.cleanup.addOnce(`stop the P4 NestJS service ${i}`, () => service.close());
  try {
    const done = await waitFor(
      'P4 NestJS inserted',
      async () => inserted >= events && (await countRows(run.db.pool, 'audit_logs')) >= events,
      () => inserted,
      events,
      run.signal,
    );
    // The first event's INSERT is inside the window; the rate counts the events after it.
    return (events - 1) / ((done - first!) / 1000);
  } finally {
    await stop();
  }
}

/** The same events as JSON on a topic of the same layout, written once with the port's producer (keyed by tenant). */
async function fillJson(run: BenchRun, events: number): Promise<string> {
  const topic = `${run.namespace}p4.nest-json`;
  await run.createTopics([topic]);
  const tenants = benchTenants(run.options.tenants);
  const producer = run.main.port.producer({ idempotent: true });
  await producer.connect();
  try {
    for (let first = 0; first < events; first += 1_000) {
      const messages = [];
      for (let n = first; n < Math.min(first + 1_000, events); n++) {
        const event = benchJsonEvent(tenants, n);
        messages.push({ key: event.tenant_id, value: Buffer.from(JSON.stringify(event)) });
      }
      await producer.send(topic, messages);
    }
  } finally {
    await producer.disconnect();
  }
  log(`pre-filled ${topic} with ${fmtInt(events)} JSON events`);
  return topic;
}
