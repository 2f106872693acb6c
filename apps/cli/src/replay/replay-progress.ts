import { Presets, SingleBar } from 'cli-progress';

/** Scanned of total on stderr, with matched, rate and ETA; a line every 5 s without a terminal. */
export class ReplayProgress {
  private readonly bar: SingleBar;
  private readonly startedAt = Date.now();
  private scanned = 0;

  constructor(total: number) {
    this.bar = new SingleBar(
      { format: '  replay [{bar}] {value}/{total} scanned, {matched} matched, {rate} ev/s, ETA {eta_formatted}', noTTYOutput: true, notTTYSchedule: 5_000, stream: process.stderr },
      Presets.shades_classic,
    );
    this.bar.start(total, 0, { matched: 0, rate: 0 });
  }

  update(scanned: number, matched: number): void {
    this.scanned += scanned;
    this.bar.update(this.scanned, { matched, rate: this.rate() });
  }

  stop(): void {
    this.bar.stop();
  }

  rate(): number {
    const seconds = (Date.now() - this.startedAt) / 1000;
    return seconds > 0 ? Math.round(this.scanned / seconds) : 0;
  }
}
