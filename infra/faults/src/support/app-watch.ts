import type { ChildProcess } from 'node:child_process';
import { health } from '@eventline/test-harness';

/** Remembers whether an app process exited before the test meant to stop it. */
export class ExitWatch {
  private unexpected: string | undefined;
  private stopping = false;

  constructor(child: ChildProcess) {
    child.once('exit', (code, signal) => {
      if (!this.stopping) this.unexpected = `exited with code ${code} (signal ${signal})`;
    });
  }

  /** Call before stopping the app on purpose. */
  expectExit(): void {
    this.stopping = true;
  }

  /** For polls that wait on the app: fails at once, naming how it ended, instead of timing out. */
  assertUp(app: string): void {
    if (this.unexpected) throw new Error(`${app} ${this.unexpected}`);
  }

  /** Undefined while the app has stayed up, else how it went. */
  get exit(): string | undefined {
    return this.unexpected;
  }
}

/** What /health/ready answered, sampled every `intervalMs` until stop() is called. */
export class ReadinessSampler {
  readonly seen = new Map<string, number>();
  private running = true;
  private readonly loop: Promise<void>;

  constructor(port: number, intervalMs = 500) {
    this.loop = this.sample(port, intervalMs);
  }

  private async sample(port: number, intervalMs: number): Promise<void> {
    while (this.running) {
      const answer = await health(port);
      const key = answer ? `${answer.status} ${answer.body.status}${answer.body.checks?.database ? ` (database: ${answer.body.checks.database})` : ''}` : 'no answer';
      this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  async stop(): Promise<Map<string, number>> {
    this.running = false;
    await this.loop;
    return this.seen;
  }
}

/**
 * Stops the database for `seconds` while sampling the app's readiness, then starts it again:
 * what readiness answered meanwhile, and when the database was back.
 */
export async function databaseOutage(database: { stop(): Promise<void>; resume(): Promise<void> }, port: number, seconds: number) {
  await database.stop();
  const readiness = new ReadinessSampler(port);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
  const duringOutage = await readiness.stop();
  await database.resume();
  return { duringOutage, restartedAt: Date.now() };
}
