export type ReadOutcome = 'finished' | 'interrupted';

/**
 * How a consumer-driven read ends: once, as finished (with an error, if one stopped it) or as
 * interrupted by Ctrl-C or SIGTERM while `listening`. The reads end from inside their batch
 * handler, so their caller awaits `settled` and disconnects outside it.
 */
export class ReadEnding {
  outcome: ReadOutcome | undefined;
  readonly settled: Promise<void>;
  private settle!: (error?: unknown) => void;
  private readonly interrupt = () => this.end('interrupted');

  constructor() {
    this.settled = new Promise<void>((resolve, reject) => (this.settle = (error) => (error === undefined ? resolve() : reject(error))));
  }

  readonly end = (how: ReadOutcome, error?: unknown): void => {
    if (this.outcome !== undefined) return;
    this.outcome = how;
    this.settle(error);
  };

  /** Runs `read` with Ctrl-C and SIGTERM ending it, and returns how it ended. */
  async listening(read: () => Promise<void>): Promise<ReadOutcome> {
    process.once('SIGINT', this.interrupt).once('SIGTERM', this.interrupt);
    try {
      await read();
      await this.settled;
      return this.outcome ?? 'finished';
    } finally {
      process.off('SIGINT', this.interrupt).off('SIGTERM', this.interrupt);
    }
  }
}
