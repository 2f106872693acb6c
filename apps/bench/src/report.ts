import type { BenchRun } from './bench-run';
import type { ResultRow, Results } from './results';
import type { Figure } from './stats';

const number = (n: number, unit: string) => (unit === '×' || Math.abs(n) < 100 ? n.toFixed(unit === 'ms' || unit === 'MB' ? 1 : 2) : Math.round(n).toLocaleString('en-US'));
const spread = (f: Figure | undefined, unit: string) => (f ? `${number(f.median, unit)} (${number(f.min, unit)}–${number(f.max, unit)})` : '');
const ratio = (f: Figure | undefined) => (f ? `${f.median.toFixed(2)}× (${f.min.toFixed(2)}–${f.max.toFixed(2)})` : '');

/** Sends everything written to stdout from now on to stderr, and returns the one way left to write to stdout. */
export function reserveStdout(): (line: string) => void {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  return (line) => void write(`${line}\n`);
}

/** The readable table on stdout: median (min–max) per figure, then the JSON line alone. */
export function printReport(run: BenchRun, results: Results, totalMs: number, print: (line: string) => void): void {
  const header = ['id', 'client', 'what', 'Eventline / value', 'baseline', 'ratio', 'unit', 'goal', 'met', 'notes'];
  const lines = results.rows.map((row) => cells(row));
  for (const { id, client, reason } of run.unavailable) lines.push([id, client, 'unavailable', '', '', '', '', '', '', reason.slice(0, 100)]);
  lines.sort((a, b) => order(a[0]) - order(b[0]));
  const widths = header.map((_, i) => Math.max(header[i].length, ...lines.map((line) => line[i].length)));
  const format = (line: string[]) =>
    line
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  print('');
  print(`Eventline bench ${run.id}: median of ${run.options.runs} runs (min–max); P5/P6/P7 one run, spread from windows. Total ${(totalMs / 60_000).toFixed(1)} min.`);
  print(format(header));
  print(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const line of lines) print(format(line));
  print('');
  print(JSON.stringify({ ...results.json, total_s: Math.round(totalMs / 1000), runs: run.options.runs, clients_unavailable: [...new Set(run.unavailable.map((u) => u.client))] }));
}

function cells(row: ResultRow): string[] {
  const met = row.met === undefined ? '' : row.met ? 'yes' : 'no';
  return [row.id, row.client ?? '', row.what, spread(row.eventline ?? row.value, row.unit), spread(row.baseline, row.unit), ratio(row.ratio), row.unit, row.goal, met, row.note ?? ''];
}

const ORDER = ['P1', 'P2', 'P2b', 'P3', 'P4', 'P5', 'P6', 'P7', 'P10'];
const order = (id: string) => ORDER.indexOf(id);
