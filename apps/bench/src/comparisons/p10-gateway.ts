import autocannon from 'autocannon';
import { ApiKeyStore } from '@eventline/api-keys';
import { startBenchApp } from '../apps';
import type { BenchRun } from '../bench-run';
import { benchEvent, benchTenants } from '../events';
import { fmtInt, log } from '../progress';
import type { Results } from '../results';
import { figure, ratioFigure } from '../stats';

const CONNECTIONS = 32;

/**
 * P10: the real ingest gateway as its own process (bench database, bench topics of scope p10, an
 * API key made for the bench), one event per POST /v1/events over 32 connections, against the
 * same server's GET /health/live; autocannon, runs alternating.
 */
export async function p10Gateway(run: BenchRun, results: Results): Promise<void> {
  const { p10Seconds: duration, runs } = run.options;
  const tenants = benchTenants(run.options.tenants);
  await run.eventTopic('p10');
  const { plaintext } = await new ApiKeyStore(run.db.pool).create({ name: `bench-${run.id}`, tenantIds: tenants, eventTypes: ['TICKET_ASSIGNED'] });
  const app = await startBenchApp(run, 'ingest-gateway', 'p10', 'INGEST_PORT');
  const base = `http://127.0.0.1:${app.port}`;
  const post = {
    url: `${base}/v1/events`,
    method: 'POST' as const,
    headers: { authorization: `Bearer ${plaintext}`, 'content-type': 'application/json' },
    body: JSON.stringify(benchEvent(tenants, 1)),
  };
  const warmUp = Math.min(2, duration / 5);
  log(`P10: warming up the gateway (${warmUp} s)…`);
  await autocannon({ ...post, connections: CONNECTIONS, duration: warmUp });
  const live: number[] = [];
  const events: number[] = [];
  const p99: number[] = [];
  let refused = 0;
  for (let i = 1; i <= runs; i++) {
    run.signal.throwIfAborted();
    log(`P10 run ${i}/${runs}: GET /health/live, ${CONNECTIONS} connections, ${duration} s…`);
    const health = await autocannon({ url: `${base}/health/live`, connections: CONNECTIONS, duration });
    live.push(health['2xx'] / health.duration);
    log(`P10 run ${i}/${runs}: POST /v1/events (one event each), ${CONNECTIONS} connections, ${duration} s…`);
    const result = await autocannon({ ...post, connections: CONNECTIONS, duration });
    refused += result.non2xx + result.errors + result.timeouts;
    events.push(result['2xx'] / result.duration);
    p99.push(result.latency.p99);
    log(`P10 run ${i}/${runs}: ${fmtInt(result['2xx'] / result.duration)} req/s, p99 ${result.latency.p99} ms, /health/live ${fmtInt(health['2xx'] / health.duration)} req/s`);
  }
  await app.stop();
  const ratio = ratioFigure(events, live);
  const rate = figure(events).median;
  const latency = figure(p99).median;
  const met = (rate >= 5_000 && latency <= 25) || ratio.median >= 0.5;
  results.add({
    id: 'P10',
    what: 'gateway: POST one event vs GET /health/live',
    client: run.main.client,
    eventline: figure(events),
    baseline: figure(live),
    ratio,
    unit: 'req/s',
    goal: '≥ 5,000 & p99 ≤ 25 ms, or ≥ 0.5×',
    met,
    note: `${CONNECTIONS} connections, ${duration} s per run; ${refused} non-2xx/errors`,
  });
  results.add({ id: 'P10', what: 'gateway: POST one event, p99 latency', client: run.main.client, value: figure(p99), unit: 'ms', goal: '≤ 25 ms' });
  results.set('gateway_req_per_s', rate, 0);
  results.set('gateway_p99_ms', latency, 1);
  results.set('gateway_health_live_req_per_s', figure(live).median, 0);
  results.set('gateway_vs_health_live', ratio.median);
  results.set('gateway_refused', refused, 0);
}
