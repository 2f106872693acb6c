import type { PartitionProgress, StalledPartition } from './partition-progress';

export type ConsumerState = 'starting' | 'running' | 'stopped' | 'crashed';

export interface ConsumerStatus {
  state: ConsumerState;
  ready: boolean;
  stalled: StalledPartition[];
  error?: string;
}

/** Often enough to log a stall soon after it passes the threshold. */
const watchEveryMs = (thresholdSeconds: number) => Math.min(5_000, Math.max(500, thresholdSeconds * 500));

/** Whether the consumer does its work: running, and no partition with work stalled beyond the threshold. */
export class ConsumerHealth {
  private state: ConsumerState = 'starting';
  private error: string | undefined;
  private watcher: NodeJS.Timeout | undefined;

  constructor(
    private readonly progress: PartitionProgress,
    readonly stallThresholdSeconds: number,
  ) {}

  running(): void {
    this.state = 'running';
  }

  stopped(): void {
    this.state = 'stopped';
    clearInterval(this.watcher);
  }

  crashed(error: Error): void {
    this.state = 'crashed';
    this.error = error.message;
    clearInterval(this.watcher);
  }

  status(): ConsumerStatus {
    const stalled = this.progress.stalled(this.stallThresholdSeconds);
    return { state: this.state, ready: this.state === 'running' && stalled.length === 0, stalled, ...(this.error ? { error: this.error } : {}) };
  }

  /** Reports stalls as they begin, once each, so the log says when a partition stopped moving. */
  watch(onStalled: (stalled: StalledPartition[]) => void): void {
    let reported = new Set<string>();
    this.watcher = setInterval(() => {
      const stalled = this.progress.stalled(this.stallThresholdSeconds);
      const names = new Set(stalled.map((s) => `${s.topic}/${s.partition}`));
      const fresh = stalled.filter((s) => !reported.has(`${s.topic}/${s.partition}`));
      if (fresh.length > 0) onStalled(fresh);
      reported = names;
    }, watchEveryMs(this.stallThresholdSeconds));
    this.watcher.unref();
  }
}
