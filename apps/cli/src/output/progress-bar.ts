import { Presets, SingleBar } from 'cli-progress';

/** A progress bar on stderr; without a terminal (CI, a pipe) it prints a line every 5 s instead of redrawing. */
export function progressBar(label: string, total: number, unit: string): SingleBar {
  const bar = new SingleBar({ format: `  ${label} [{bar}] {value}/{total} ${unit}`, noTTYOutput: true, notTTYSchedule: 5_000 }, Presets.shades_classic);
  bar.start(total, 0);
  return bar;
}
