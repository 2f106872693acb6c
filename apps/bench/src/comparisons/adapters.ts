import type { KafkaClientName, KafkaPort } from '@eventline/kafka-port';
import type { BenchRun } from '../bench-run';
import { log } from '../progress';

export interface AdapterSide<S> {
  client: KafkaClientName;
  port: KafkaPort;
  state: S;
}

/**
 * Prepares `setup` for each adapter the run measures. An adapter that cannot be created, or whose
 * setup fails, is left out and reported as unavailable, so one adapter does not fail the whole run.
 */
export async function eachAdapter<S>(run: BenchRun, id: string, setup: (adapter: { client: KafkaClientName; port: KafkaPort }) => Promise<S>): Promise<Array<AdapterSide<S>>> {
  const sides: Array<AdapterSide<S>> = [];
  for (const adapter of run.adapters) {
    if ('unavailable' in adapter) {
      run.markUnavailable(id, adapter.client, adapter.unavailable);
      continue;
    }
    try {
      sides.push({ ...adapter, state: await setup(adapter) });
    } catch (error) {
      if (adapter.client === run.choice.producer || adapter.client === run.choice.consumer) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      log(`${id}: the ${adapter.client} adapter failed to set up, reported as unavailable: ${reason}`);
      run.markUnavailable(id, adapter.client, reason);
    }
  }
  return sides;
}

/** The adapter whose figure is the headline (`publish_vs_java`, …): the platform's own for that side, else the first measured. */
export function headlineClient(run: BenchRun, sides: Array<{ client: KafkaClientName }>, side: 'producer' | 'consumer'): KafkaClientName | undefined {
  return (sides.find((s) => s.client === run.choice[side]) ?? sides[0])?.client;
}
