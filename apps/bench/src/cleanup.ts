import { log } from './progress';

type Step = { name: string; run: () => Promise<unknown> };

/**
 * What the bench must undo, registered as it is created and undone last-first: stop consumers
 * and apps before their topics go, drop the database last. Each step runs even if one before it
 * failed or timed out. Idempotent: Ctrl-C and the normal end share one run.
 */
export class Cleanup {
  private readonly steps: Step[] = [];
  private done: Promise<void> | undefined;

  add(name: string, run: () => Promise<unknown>): void {
    this.steps.push({ name, run });
  }

  /** Registers an undo step that runs at most once, and returns it, so a phase can undo early. */
  addOnce(name: string, run: () => Promise<unknown>): () => Promise<void> {
    let ran: Promise<unknown> | undefined;
    const once = async () => void (await (ran ??= run()));
    this.add(name, once);
    return once;
  }

  runAll(): Promise<void> {
    return (this.done ??= this.runSteps());
  }

  private async runSteps(): Promise<void> {
    for (const step of [...this.steps].reverse()) await runStep(step);
  }
}

async function runStep({ name, run }: Step, timeoutMs = 30_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([run(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000}s`)), timeoutMs)))]);
  } catch (error) {
    log(`cleanup: could not ${name}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Ctrl-C (or SIGTERM) once: the phase in progress stops at its next check, and main() cleans up
 * and exits 130; should it not get there within 30 s, the cleanup runs from here. Twice: exit at once.
 */
export function onInterrupt(abort: AbortController, cleanup: Cleanup): void {
  let interrupted = false;
  const listener = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log(`${signal}: stopping and deleting what the bench created (again to quit at once)…`);
    abort.abort(new Error(`interrupted by ${signal}`));
    setTimeout(() => void cleanup.runAll().finally(() => process.exit(130)), 30_000).unref();
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
}
