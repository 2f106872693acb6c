import { Presets, SingleBar } from 'cli-progress';

/** Records scanned of total on stderr, with a second count (matched, projected), rate and ETA; a line every 5 s without a terminal. */
export class RangeProgress {
  private readonly bar: SingleBar;
  private readonly startedAt = Date.now();
  private scanned = 0;

  constructor(label: string, total: number, counted: string) {
    this.bar = new SingleBar(
      { format: `  ${label} [{bar}] {value}/{total} scanned, {counted} ${counted}, {rate} ev/s, ETA {eta_formatted}`, noTTYOutput: true, notTTYSchedule: 5_000, stream: process.stderr },
      Presets.shades_classic,
    );
    this.bar.start(total, 0, { counted: 0, rate: 0 });
  }

  update(scanned: number, counted: number): void {
    this.scanned += scanned;
    this.bar.update(this.scanned, { counted, rate: this.rate() });
  }

  stop(): void {
    this.bar.stop();
  }

  /** Records scanned per second since the start. */
  rate(): number {
    const seconds = (Date.now() - this.startedAt) / 1000;
    return seconds > 0 ? Math.round(this.scanned / seconds) : 0;
  }
}
