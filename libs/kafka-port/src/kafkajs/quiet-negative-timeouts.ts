/**
 * kafkajs (unmaintained upstream) schedules its request-queue check with `setTimeout(fn, throttledUntil - now)`,
 * which is negative whenever the broker has not throttled. Node 24 clamps that to 1 ms, as kafkajs expects, but
 * prints a TimeoutNegativeWarning on the process's stderr for it. Only that warning is dropped; every other
 * warning reaches the default handler unchanged.
 */
let installed = false;

export function quietNegativeTimeoutWarnings(): void {
  if (installed) return;
  installed = true;
  const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (warningType(rest[0]) === 'TimeoutNegativeWarning') return;
    emitWarning(warning, ...rest);
  }) as typeof process.emitWarning;
}

function warningType(typeOrOptions: unknown): string | undefined {
  if (typeof typeOrOptions === 'string') return typeOrOptions;
  return (typeOrOptions as { type?: string } | undefined)?.type;
}
