import type { SingleBar } from 'cli-progress';
import type { ProgressSink } from '@eventline/read-model-retention';
import { progressBar } from '../output/progress-bar';

/** Fewer batches than this finish in moments: no bar for them, so short runs print nothing on stderr. */
const BATCHES_WORTH_A_BAR = 10;

/** A bar on stderr for a policy whose expired rows take many batches to delete. */
export function runProgress(policyName: string, batchSize: number): ProgressSink {
  let bar: SingleBar | undefined;
  return {
    start(total) {
      if (total > batchSize * BATCHES_WORTH_A_BAR) bar = progressBar(`deleting (${policyName})`, total, 'rows');
    },
    advance(deleted) {
      bar?.update(deleted);
    },
    stop() {
      bar?.stop();
    },
  };
}
