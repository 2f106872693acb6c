import type { Latency } from './latency';

export interface BenchSummary {
  events: number;
  projection_events_per_sec: number;
  latency_ms: { p50: number; p95: number; p99: number };
  copy_events_per_sec: number;
  projection_to_copy_ratio: number;
  publish_events_per_sec: number;
  group: string;
}

export interface BenchMeasurements {
  events: number;
  tenants: number;
  batch: number;
  group: string;
  publishMs: number;
  /** From the first publish call to the last row seen in domain_events. */
  projectionMs: number;
  latency: Latency;
  copyMs: number;
  /** Rows the bench consumer itself added; the rest were there first (another group projecting the same topic). */
  insertedByBench: number;
  retries: number;
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));
const perSec = (events: number, ms: number) => (ms > 0 ? events / (ms / 1_000) : 0);

export function summarize(m: BenchMeasurements): BenchSummary {
  const projection = perSec(m.events, m.projectionMs);
  const copy = perSec(m.events, m.copyMs);
  return {
    events: m.events,
    projection_events_per_sec: round(projection, 1),
    latency_ms: { p50: round(m.latency.p50, 1), p95: round(m.latency.p95, 1), p99: round(m.latency.p99, 1) },
    copy_events_per_sec: round(copy, 1),
    projection_to_copy_ratio: copy > 0 ? round(projection / copy, 4) : 0,
    publish_events_per_sec: round(perSec(m.events, m.publishMs), 1),
    group: m.group,
  };
}

/** The readable table, then the JSON summary alone on the last line (stdout). */
export function printReport(m: BenchMeasurements, summary: BenchSummary): void {
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const s = (n: number) => `${(n / 1_000).toFixed(2)} s`;
  const rows: Array<[string, string, string]> = [
    ['events', int(m.events), `${m.tenants} tenants, publish batches of ${m.batch}, group ${m.group}`],
    ['publish', `${int(summary.publish_events_per_sec)} ev/s`, `${s(m.publishMs)} through the publisher SDK (acks=all)`],
    ['projection', `${int(summary.projection_events_per_sec)} ev/s`, `${s(m.projectionMs)} from the first publish to the last row visible`],
    ['latency p50', ms(summary.latency_ms.p50), 'occurred_at (publish) → domain_events.recorded_at'],
    ['latency p95', ms(summary.latency_ms.p95), ''],
    ['latency p99', ms(summary.latency_ms.p99), ''],
    ['latency max', ms(m.latency.max), ''],
    ['COPY', `${int(summary.copy_events_per_sec)} ev/s`, `${s(m.copyMs)} for ${int(m.events)} domain_events + ${int(m.events)} audit_logs rows`],
    ['projection/COPY', summary.projection_to_copy_ratio.toFixed(4), 'projection rate as a fraction of the COPY rate'],
  ];
  const foreign = m.events - m.insertedByBench;
  if (foreign > 0) rows.push(['warning', `${int(foreign)} rows`, 'were written first by another consumer group projecting the topic (a running audit-projector?): the projection numbers mix both']);
  if (m.retries > 0) rows.push(['warning', `${m.retries} retries`, 'transient faults were retried during the projection']);
  const widths = [0, 1].map((i) => Math.max(...rows.map((row) => row[i].length)));
  console.log('\nAudit projection benchmark');
  console.log(`${'─'.repeat(widths[0])}  ${'─'.repeat(widths[1])}`);
  for (const [name, value, note] of rows) console.log(`${name.padEnd(widths[0])}  ${value.padStart(widths[1])}  ${note}`.trimEnd());
  console.log('');
  console.log(JSON.stringify(summary));
}
