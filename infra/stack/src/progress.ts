/**
 * One line per start-up step with its duration, and a heartbeat every 10 s while a step runs,
 * so a first start that downloads jars never looks hung.
 */
export async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  process.stdout.write(`  • ${label}…\n`);
  const heartbeat = setInterval(() => process.stdout.write(`    … still working on ${label} (${elapsed()})\n`), 10_000);
  try {
    const result = await work();
    process.stdout.write(`  ✓ ${label} (${elapsed()})\n`);
    return result;
  } catch (error) {
    process.stdout.write(`  ✗ ${label} failed after ${elapsed()}\n`);
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
}
