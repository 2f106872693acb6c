/** A line on stderr every `intervalMs` while a phase runs (stdout is kept for the summary); stop() ends it. */
export function ticker(intervalMs: number, line: () => string): { stop(): void } {
  const timer = setInterval(() => console.error(`[bench]   ${line()}`), intervalMs);
  return { stop: () => clearInterval(timer) };
}

export const seconds = (ms: number) => ms / 1_000;

/** Events per second, 0 when no time has passed. */
export const rate = (events: number, ms: number) => (ms > 0 ? events / seconds(ms) : 0);

export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

export function log(message: string): void {
  console.error(`[bench] ${message}`);
}
