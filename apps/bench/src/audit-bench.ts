import '@eventline/node-runtime/check';
/**
 * `npm run bench:audit [-- --events N --tenants K --batch B]`: the audit projection's throughput
 * and publish-to-visible latency against the running local stack, next to a COPY FROM STDIN of the
 * same rows. A benchmark, not a test: it prints a table and a one-line JSON summary, and deletes
 * everything it wrote.
 */
import { performance } from 'node:perf_hooks';
import { Publisher } from '@eventline/publisher';
import { cleaner, type BenchState } from './cleanup';
import { copyRun } from './copy-run';
import { measureLatency } from './latency';
import { parseOptions } from './options';
import { fmtInt, log, rate, ticker } from './progress';
import { startProjectionConsumer } from './projection-consumer';
import { countRows, waitForConsumer, waitForRows } from './projection-run';
import { publishEvents } from './publish-run';
import { printReport, summarize } from './report';
import { benchNames, openResources } from './setup';

async function main(): Promise<number> {
  const options = parseOptions(process.argv);
  const resources = openResources();
  const names = benchNames(options.tenants);
  const state: BenchState = { pool: resources.pool, names };
  const cleanUp = cleaner(state);
  const abort = new AbortController();
  onInterrupt(abort, cleanUp);

  try {
    log(`${fmtInt(options.events)} events over ${options.tenants} tenants; starting group ${names.group} on ${resources.topic} at its current end`);
    state.consumer = await startProjectionConsumer(resources, names);
    const consumer = state.consumer;
    state.publisher = new Publisher({ kafka: resources.kafka, registry: resources.registry, catalog: resources.catalog, source: 'audit-bench', maxBatchSize: options.batch });

    let published = 0;
    let publishStarted = performance.now();
    const publishing = ticker(2_000, () =>
      `published ${fmtInt(published)}/${fmtInt(options.events)} (${fmtInt(rate(published, performance.now() - publishStarted))} ev/s), projected ${fmtInt(consumer.handled())}`,
    );
    const publish = await publishEvents(state.publisher, names.tenants, options, abort.signal, (n) => (published = n)).finally(() => publishing.stop());
    publishStarted = publish.startedAt;
    log(`published ${fmtInt(options.events)} in ${((publish.endedAt - publish.startedAt) / 1_000).toFixed(2)}s; waiting for the rows`);

    const visibleAt = await waitForRows(resources.pool, names.tenants, options.events, consumer, publish.startedAt, abort.signal);
    log(`all ${fmtInt(options.events)} rows visible ${((visibleAt - publish.startedAt) / 1_000).toFixed(2)}s after the first publish`);
    await waitForConsumer(consumer, options.events, abort.signal);
    await consumer.stop(); // nothing more to project; the COPY below then runs alone
    state.consumer = undefined;
    abort.signal.throwIfAborted();
    const auditRows = await countRows(resources.pool, 'audit_logs', names.tenants);
    if (auditRows !== options.events) throw new Error(`domain_events has all ${options.events} rows but audit_logs has ${auditRows}`);

    const latency = await measureLatency(resources.pool, names.tenants);
    log(`COPY FROM STDIN of the same ${fmtInt(options.events)} + ${fmtInt(options.events)} rows…`);
    const copy = await copyRun(resources.pool, names, options.events, abort.signal);
    const measurements = {
      events: options.events,
      tenants: options.tenants,
      batch: options.batch,
      group: names.group,
      publishMs: publish.endedAt - publish.startedAt,
      projectionMs: visibleAt - publish.startedAt,
      latency,
      copyMs: copy.ms,
      insertedByBench: consumer.inserted(),
      retries: consumer.retries(),
    };
    printReport(measurements, summarize(measurements));
    return 0;
  } catch (error) {
    if (abort.signal.aborted) return 130;
    console.error('audit-bench failed:', error);
    return 1;
  } finally {
    await cleanUp();
  }
}

/**
 * Ctrl-C (or SIGTERM) once: the phase in progress stops at its next check and main() cleans up
 * and exits 130; should it not get there within 20 s, the cleanup runs from here. Twice: exit at once.
 */
function onInterrupt(abort: AbortController, cleanUp: () => Promise<void>): void {
  let interrupted = false;
  const listener = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log(`${signal}: stopping and deleting what the bench wrote (again to quit at once)…`);
    abort.abort(new Error(`interrupted by ${signal}`));
    setTimeout(() => void cleanUp().finally(() => process.exit(130)), 20_000);
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('audit-bench failed:', error);
    process.exit(1);
  },
);
