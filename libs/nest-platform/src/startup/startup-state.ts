import { Injectable, type OnModuleDestroy } from '@nestjs/common';

export type StartupPhase = 'waiting' | 'starting' | 'ready' | 'stopping';

export interface Waiting {
  dependency: string;
  error: string;
  since: string;
  attempts: number;
}

/**
 * Where the app is on its way to ready, for readiness to report: which dependency it waits for
 * and why, then whether its own work has started. Shutdown aborts any wait in progress.
 */
@Injectable()
export class StartupState implements OnModuleDestroy {
  phase: StartupPhase = 'waiting';
  waiting: Waiting | undefined;
  private readonly shutdown = new AbortController();

  get signal(): AbortSignal {
    return this.shutdown.signal;
  }

  get stopping(): boolean {
    return this.phase === 'stopping';
  }

  failedAttempt(dependency: string, error: unknown, attempts: number): void {
    const since = this.waiting?.dependency === dependency ? this.waiting.since : new Date().toISOString();
    this.waiting = { dependency, error: describe(error), since, attempts };
  }

  answered(): void {
    this.waiting = undefined;
  }

  advance(phase: 'starting' | 'ready'): void {
    if (!this.stopping) this.phase = phase;
  }

  onModuleDestroy(): void {
    this.phase = 'stopping';
    this.shutdown.abort(new Error('the app is shutting down'));
  }
}

export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = error.cause instanceof Error && error.cause.message !== error.message ? ` (${error.cause.message})` : '';
  const aggregate = error instanceof AggregateError && error.message === '' ? error.errors.map(String).join('; ') : '';
  return `${error.message || aggregate || error.name}${inner}`;
}
