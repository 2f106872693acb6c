import { Injectable } from '@nestjs/common';

export interface WorkCheck {
  ready: boolean;
  /** Shown on /health/ready as is: what the work is doing, and why it is not ready. */
  detail: Record<string, unknown>;
}

/**
 * Readiness of the app's own work, beyond its dependencies answering: a consumer that has crashed,
 * stopped or stalled makes the app not ready. The work registers its check once it exists.
 */
@Injectable()
export class WorkReadiness {
  private readonly checks = new Map<string, () => WorkCheck>();

  register(name: string, check: () => WorkCheck): void {
    this.checks.set(name, check);
  }

  results(): Array<[string, WorkCheck]> {
    return [...this.checks].map(([name, check]) => [name, check()]);
  }
}
