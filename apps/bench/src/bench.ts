import '@eventline/node-runtime/check';
import '@eventline/tracing/boot';
/**
 * `npm run bench`: every comparison of issue 11 (P1–P10), baseline and Eventline one after the
 * other, against the running stack. Progress on stderr; the table, then one JSON line, on stdout.
 * Everything it creates (bench.<run>.* topics and groups, the bench_run_<run> database, the apps
 * it starts) is removed at the end, also on Ctrl-C.
 */
import { performance } from 'node:perf_hooks';
import { buildBenchApps } from './apps';
import { BenchRun } from './bench-run';
import { onInterrupt } from './cleanup';
import { p1Publish } from './comparisons/p1-publish';
import { p2NestEmit } from './comparisons/p2-nest-emit';
import { p2bConsume } from './comparisons/p2b-consume';
import { p3Projection } from './comparisons/p3-projection';
import { p4NestInsert } from './comparisons/p4-nest-insert';
import { p5Latency } from './comparisons/p5-latency';
import { p6Scaling } from './comparisons/p6-scaling';
import { p10Gateway } from './comparisons/p10-gateway';
import { expectedSeconds } from './expected-duration';
import { parseOptions, type Phase } from './options';
import { log } from './progress';
import { printReport, reserveStdout } from './report';
import { Results } from './results';

const COMPARISONS: Record<Phase, (run: BenchRun, results: Results) => Promise<void>> = {
  P1: p1Publish,
  P2: p2NestEmit,
  P2b: p2bConsume,
  P3: p3Projection,
  P4: p4NestInsert,
  P5: p5Latency,
  P6: p6Scaling,
  P10: p10Gateway,
};

/** The comparisons that run a real app as its own process, built as deployed. */
const APPS_OF: Array<[Phase, 'audit-projector' | 'ingest-gateway']> = [
  ['P5', 'audit-projector'],
  ['P10', 'ingest-gateway'],
];

async function main(): Promise<number> {
  const options = parseOptions(process.argv);
  // stdout is the report's alone: whatever else writes there (the stock NestJS pieces of P2 and P4 log on it) goes to stderr.
  const report = reserveStdout();
  const started = performance.now();
  const run = new BenchRun(options);
  onInterrupt(run.abort, run.cleanup);
  const results = new Results();
  try {
    const available = run.adapters.filter((a) => 'port' in a).length;
    const expected = expectedSeconds(options, available);
    const total = options.only.reduce((sum, phase) => sum + expected[phase], 0);
    log(
      `run ${run.id}: ${options.only.join(', ')}; adapters ${run.adapters.map((a) => ('port' in a ? a.client : `${a.client} (unavailable)`)).join(', ')}; expected ≈ ${(total / 60).toFixed(1)} min (${options.only.map((p) => `${p} ${Math.round(expected[p])} s`).join(', ')})`,
    );
    await run.open();
    const appsNeeded = APPS_OF.filter(([phase]) => options.only.includes(phase)).map(([, app]) => app);
    if (appsNeeded.length > 0) await buildBenchApps(appsNeeded);
    log(`bench database ${run.db.name}; topics and groups under ${run.namespace}; ${run.partitions} partitions per topic (tickets.events.v1's)`);
    for (const [i, phase] of options.only.entries()) {
      const phaseStarted = performance.now();
      log(`── ${phase} (${i + 1}/${options.only.length}), ${((performance.now() - started) / 60_000).toFixed(1)} min in`);
      await COMPARISONS[phase](run, results);
      log(`── ${phase} done in ${((performance.now() - phaseStarted) / 1000).toFixed(0)} s`);
    }
    await run.cleanup.runAll();
    printReport(run, results, performance.now() - started, report);
    return 0;
  } catch (error) {
    if (run.signal.aborted) return 130;
    console.error('bench failed:', error);
    return 1;
  } finally {
    await run.cleanup.runAll();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('bench failed:', error);
    process.exit(1);
  },
);
