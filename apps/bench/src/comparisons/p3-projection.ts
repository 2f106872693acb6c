import type { BenchRun } from '../bench-run';
import { copyRun } from '../copy-run';
import { log, rate } from '../progress';
import { prefilledTopic } from '../prefill';
import type { Results } from '../results';
import { figure, ratioFigure } from '../stats';
import { eachAdapter, headlineClient } from './adapters';
import { projectionRun } from './projection-run';

/**
 * P3: the audit projection, effectively once, over the pre-filled topic, against a raw COPY of
 * the same rows into the same tables; each run projects into empty tables, then COPYs what it wrote.
 */
export async function p3Projection(run: BenchRun, results: Results): Promise<void> {
  const { p3Events: events, runs } = run.options;
  const topic = await prefilledTopic(run, 'fill', events);
  const sides = await eachAdapter(run, 'P3', async () => ({ rates: [] as number[] }));
  const copy: number[] = [];
  for (let i = 1; i <= runs; i++) {
    for (const side of sides) {
      log(`P3 run ${i}/${runs}: audit projection (${side.client})…`);
      side.state.rates.push(await projectionRun(run, side.port, 'fill', topic, events, `p3-${side.client}-${i}`));
    }
    log(`P3 run ${i}/${runs}: COPY FROM STDIN of the same rows…`);
    copy.push(rate(events, (await copyRun(run.db.pool, events, run.signal)).ms));
  }
  await run.db.truncateProjection();
  const baseline = figure(copy);
  results.set('p3_copy_ev_per_s', baseline.median, 0);
  for (const side of sides) {
    const ratio = ratioFigure(side.state.rates, copy);
    results.add({
      id: 'P3',
      what: 'project: audit projection vs COPY',
      client: side.client,
      eventline: figure(side.state.rates),
      baseline,
      ratio,
      unit: 'ev/s',
      goal: '≥ 0.5×',
      met: ratio.median >= 0.5,
      note: `${events} events pre-filled; 2 tables; group join left out`,
    });
    results.set(`p3_${side.client}_ev_per_s`, figure(side.state.rates).median, 0);
    results.set(`projection_vs_copy_${side.client}`, ratio.median);
    // The headline figure is the platform's own consumer's.
    if (side.client === headlineClient(run, sides, 'consumer')) {
      results.set('p3_projection_ev_per_s', figure(side.state.rates).median, 0);
      results.set('projection_vs_copy', ratio.median);
    }
  }
}
