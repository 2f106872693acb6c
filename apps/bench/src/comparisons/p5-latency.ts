import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { rssMb, startBenchApp } from '../apps';
import type { BenchRun } from '../bench-run';
import { waitFor } from '../consumers';
import { benchEvent, benchTenants } from '../events';
import { fmtInt, log } from '../progress';
import { benchPublisher } from '../publish';
import { settleWrites } from '../settle';
import type { Results } from '../results';
import { figure, quantile } from '../stats';
import { installArrivalTrigger, listenForArrivals, removeArrivalTrigger } from './arrivals';

const WINDOW_S = 10;
const WARMUP_EVENTS = 500;

/**
 * P5 and P7: the real audit-projector as its own process, on the bench database and the bench
 * topics of scope p5; the bench publishes open loop at a fixed rate (each event has a scheduled
 * send time, and a late send keeps its schedule, so a stall counts), and a LISTEN session stamps
 * each row's arrival after commit. Latency = arrival − scheduled send. The projector's VmRSS is
 * sampled throughout. One run; the spread comes from 10-second windows.
 */
export async function p5Latency(run: BenchRun, results: Results): Promise<void> {
  const { p5Rate: ratePerS, p5Seconds } = run.options;
  const total = ratePerS * p5Seconds;
  const tenants = benchTenants(run.options.tenants);
  await run.catalogTopics('p5');
  run.groups.add(`${run.prefix('p5')}audit-projector`);
  await installArrivalTrigger(run.db.pool);
  const arrivals = new Map<string, number>();
  const arrived = { warmUp: 0, measured: 0 };
  const listener = await listenForArrivals(run.db.url, (id, at) => {
    arrivals.set(id, at);
    if (id.startsWith('w-')) arrived.warmUp++;
    else arrived.measured++;
  });
  run.cleanup.addOnce('close the P5 listener', () => listener.close());
  const app = await startBenchApp(run, 'audit-projector', 'p5', 'AUDIT_PROJECTOR_PORT');
  const dlq = (await run.admin.listTopics()).filter((topic) => topic.startsWith(run.prefix('p5')) && topic.endsWith('.dlq'));
  const publisher = benchPublisher(run.main.port, run.registry, run.catalog('p5'));
  run.cleanup.add('close the P5 publisher', () => publisher.close());
  await publisher.connect();

  await settleWrites(run.db.pool);
  log(`P5: warming up (${WARMUP_EVENTS} events, until the projector has them all)…`);
  await publisher.publishUntyped(Array.from({ length: WARMUP_EVENTS }, (_, n) => benchEvent(tenants, n, `w-${n}`)));
  await waitFor(
    'P5 warm-up arrived',
    () => arrived.warmUp >= WARMUP_EVENTS,
    () => arrived.warmUp,
    WARMUP_EVENTS,
    run.signal,
    50,
    60_000,
  );

  const rss: Array<{ at: number; mb: number }> = [];
  const sampler = setInterval(() => {
    const mb = rssMb(app.child.pid!);
    if (mb !== undefined) rss.push({ at: performance.now(), mb });
  }, 200);
  log(`P5/P7: ${fmtInt(ratePerS)} ev/s open loop for ${p5Seconds} s (${fmtInt(total)} events), projector pid ${app.child.pid}…`);
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const { t0, failures, acked } = await sendOpenLoop(publisher, tenants, ratePerS, total, run.signal);
  await waitFor(
    'P5 arrived',
    () => arrived.measured >= total,
    () => arrived.measured,
    total,
    run.signal,
    50,
    15_000,
  ).catch((error: Error) => log(`P5: ${error.message}`));
  clearInterval(sampler);
  loopDelay.disable();
  await app.stop();
  await removeArrivalTrigger(run.db.pool);
  await listener.close();

  const interval = 1000 / ratePerS;
  const latencies: number[] = [];
  const ackLatencies: number[] = [];
  const windows: number[][] = Array.from({ length: Math.ceil(p5Seconds / WINDOW_S) }, () => []);
  for (let i = 0; i < total; i++) {
    const at = arrivals.get(`p5-${i}`);
    if (at === undefined) continue;
    const latency = at - (t0 + i * interval);
    latencies.push(latency);
    if (!Number.isNaN(acked[i])) ackLatencies.push(acked[i] - (t0 + i * interval));
    windows[Math.floor((i * interval) / 1000 / WINDOW_S)]?.push(latency);
  }
  const missing = total - latencies.length;
  if (latencies.length === 0) throw new Error('P5: no event arrived');
  const full = windows.filter((w) => w.length > 0);
  const p50 = quantile(latencies, 0.5);
  const p99 = quantile(latencies, 0.99);
  const max = Math.max(...latencies);
  const p50s = figure(full.map((w) => quantile(w, 0.5)));
  const p99s = figure(full.map((w) => quantile(w, 0.99)));
  const ackP50 = quantile(ackLatencies, 0.5);
  const ackP99 = quantile(ackLatencies, 0.99);
  const note = `${fmtInt(ratePerS)} ev/s × ${p5Seconds} s, after commit (pg_notify trigger); ${missing} missing, ${failures} failed sends; DLQ ${dlq.join(', ') || 'none'}`;
  results.add({ id: 'P5', what: 'publish → audit row visible, p50', client: run.main.client, value: { ...p50s, median: p50 }, unit: 'ms', goal: '—', note });
  results.add({
    id: 'P5',
    what: 'publish → audit row visible, p99',
    client: run.main.client,
    value: { ...p99s, median: p99 },
    unit: 'ms',
    goal: '≤ 50 ms (floor 200)',
    met: p99 <= 50 && missing === 0,
    note: `max ${max.toFixed(1)} ms; acked by Kafka p50 ${ackP50.toFixed(1)}, p99 ${ackP99.toFixed(1)} ms; bench loop delay p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms; spread = ${WINDOW_S}-s windows`,
  });
  results.set('p50_ms_at_2000', p50, 1);
  results.set('p99_ms_at_2000', p99, 1);
  results.set('p5_max_ms', max, 1);
  results.set('p5_ack_p50_ms', ackP50, 1);
  results.set('p5_ack_p99_ms', ackP99, 1);
  // The bench's own event loop stamps sends and arrivals: its delay bounds the error of every figure above.
  results.set('p5_bench_loop_delay_p99_ms', loopDelay.percentile(99) / 1e6, 1);
  results.set('p5_bench_loop_delay_max_ms', loopDelay.max / 1e6, 1);
  results.set('p5_missing', missing, 0);
  results.set('p5_rate_ev_per_s', ratePerS, 0);

  const maxRss = Math.max(...rss.map((sample) => sample.mb));
  const rssWindows = Array.from({ length: full.length }, (_, w) => rss.filter((s) => s.at >= t0 + w * WINDOW_S * 1000 && s.at < t0 + (w + 1) * WINDOW_S * 1000).map((s) => s.mb)).filter(
    (w) => w.length > 0,
  );
  const rssFigure = rssWindows.length > 0 ? figure(rssWindows.map((w) => Math.max(...w))) : figure([maxRss]);
  results.add({
    id: 'P7',
    what: 'audit-projector RSS under P5 load (max)',
    client: run.main.client,
    value: { ...rssFigure, median: maxRss },
    unit: 'MB',
    goal: '≤ 200 MB',
    met: maxRss <= 200,
    note: `VmRSS from /proc every 200 ms; spread = max per ${WINDOW_S}-s window; the built app under node`,
  });
  results.set('consumer_rss_mb', maxRss, 1);
}

/**
 * Sends event i at t0 + i/rate (or as soon after as the loop gets to it), never waiting for acks;
 * `acked[i]` is when Kafka acknowledged it, so the report can split the latency at the broker.
 */
async function sendOpenLoop(
  publisher: ReturnType<typeof benchPublisher>,
  tenants: string[],
  ratePerS: number,
  total: number,
  signal: AbortSignal,
): Promise<{ t0: number; failures: number; acked: Float64Array }> {
  const interval = 1000 / ratePerS;
  const acked = new Float64Array(total).fill(Number.NaN);
  const pending = new Set<Promise<unknown>>();
  let failures = 0;
  let sent = 0;
  const t0 = performance.now();
  while (sent < total) {
    signal.throwIfAborted();
    const due = Math.min(total, Math.floor((performance.now() - t0) / interval) + 1);
    if (due > sent) {
      const events = [];
      for (let i = sent; i < due; i++) events.push(benchEvent(tenants, i, `p5-${i}`));
      const first = sent;
      const call = publisher.publishUntyped(events).then(
        () => acked.fill(performance.now(), first, first + events.length),
        () => void (failures += events.length),
      );
      pending.add(call);
      void call.finally(() => pending.delete(call));
      sent = due;
    }
    await sleep(1);
  }
  await Promise.all(pending);
  return { t0, failures, acked };
}
