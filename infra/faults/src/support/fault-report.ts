/** One fault test's figures, printed as a block a reader can compare with the table. */
export function printFaultReport(id: string, figures: Record<string, string | number>): void {
  const width = Math.max(...Object.keys(figures).map((name) => name.length));
  const lines = Object.entries(figures).map(([name, value]) => `  ${name.padEnd(width)}  ${value}`);
  process.stdout.write(`\n${id}\n${lines.join('\n')}\n`);
}

export const seconds = (fromMs: number, toMs = Date.now()) => Number(((toMs - fromMs) / 1000).toFixed(1));
