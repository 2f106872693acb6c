import type { BenchRun } from './bench-run';
import { benchTenants } from './events';
import { fmtInt, log, rate } from './progress';
import { benchPublisher, publishEvents } from './publish';

const filled = new WeakMap<BenchRun, Map<string, Promise<string>>>();

/**
 * The bench event's topic of `scope`, filled once with `count` events through the SDK with the
 * main adapter: the pre-filled topic the consuming comparisons read from the beginning, so
 * their figures leave publishing out.
 */
export function prefilledTopic(run: BenchRun, scope: string, count: number): Promise<string> {
  const byScope = filled.get(run) ?? filled.set(run, new Map()).get(run)!;
  const key = `${scope}:${count}`;
  if (!byScope.has(key)) byScope.set(key, fill(run, scope, count));
  return byScope.get(key)!;
}

async function fill(run: BenchRun, scope: string, count: number): Promise<string> {
  const topic = await run.eventTopic(scope);
  const publisher = benchPublisher(run.main.port, run.registry, run.catalog(scope));
  log(`pre-filling ${topic} with ${fmtInt(count)} events…`);
  try {
    const ms = await publishEvents(publisher, benchTenants(run.options.tenants), count, run.signal, `pre-fill ${scope}`);
    log(`pre-filled ${topic}: ${fmtInt(count)} events in ${(ms / 1000).toFixed(1)} s (${fmtInt(rate(count, ms))} ev/s)`);
  } finally {
    await publisher.close();
  }
  return topic;
}
