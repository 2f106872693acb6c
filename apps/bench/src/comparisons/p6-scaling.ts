import type { BenchRun } from '../bench-run';
import { fmtInt, log } from '../progress';
import { prefilledTopic } from '../prefill';
import type { Results } from '../results';
import { figure } from '../stats';
import { projectionRun } from './projection-run';

/**
 * P6: the audit projection's cost per event when the tables hold ~1,000,000 rows against when
 * they hold ~10,000, in one run over a pre-filled topic: the run is cut into windows of
 * `p6Window` events; "at 10k" is the median cost of the early windows (the very first is left
 * out when there are enough: it includes the first fetch), "at 1M" that of the last ones. The
 * spread is each late window's cost over the early median.
 */
export async function p6Scaling(run: BenchRun, results: Results): Promise<void> {
  const { p6Events: events, p6Window: window } = run.options;
  const topic = await prefilledTopic(run, 'p6', events);
  const marks: number[] = [];
  log(`P6: projecting ${fmtInt(events)} events once, windows of ${fmtInt(window)}…`);
  const overall = await projectionRun(run, run.main.port, 'p6', topic, events, 'p6', (handled, now) => {
    while (handled >= (marks.length + 1) * window) marks.push(now);
  });
  await run.db.truncateProjection();
  const costs = marks.slice(1).map((at, i) => (at - marks[i]) / window);
  const { early, late } = scalingWindows(costs);
  const base = figure(early).median;
  const ratios = figure(late.map((cost) => cost / base));
  const ratio = figure(late).median / base;
  results.add({
    id: 'P6',
    what: `cost per event at ${fmtInt(events)} vs at ${fmtInt(window)}`,
    client: run.main.client,
    value: { ...ratios, median: ratio },
    unit: '×',
    goal: '≤ 1.2×',
    met: ratio <= 1.2,
    note: `${(base * 1000).toFixed(1)} µs/event early, ${(figure(late).median * 1000).toFixed(1)} µs late; ${fmtInt(overall)} ev/s overall`,
  });
  results.set('cost_ratio_1m_vs_10k', ratio);
  results.set('p6_us_per_event_early', base * 1000, 1);
  results.set('p6_us_per_event_late', figure(late).median * 1000, 1);
  results.set('p6_events', events, 0);
}

/** Early and late windows of the run's costs; each side gets up to 4 windows, never the same one. */
export function scalingWindows(costs: number[]): { early: number[]; late: number[] } {
  if (costs.length < 2) throw new Error(`P6 needs at least 3 windows of events (got ${costs.length + 1}); raise --p6-events or lower --p6-window`);
  const side = Math.max(1, Math.min(4, Math.floor((costs.length - 1) / 2)));
  const skipFirst = costs.length >= 2 * side + 1 ? 1 : 0;
  return { early: costs.slice(skipFirst, skipFirst + side), late: costs.slice(costs.length - side) };
}
