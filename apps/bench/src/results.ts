import type { Figure } from './stats';

/** One line of the table: a comparison (or a single figure) and where it stands against its goal. */
export interface ResultRow {
  id: string;
  what: string;
  client?: string;
  eventline?: Figure;
  baseline?: Figure;
  ratio?: Figure;
  /** For single figures (latency, RSS, cost ratio). */
  value?: Figure;
  unit: string;
  goal: string;
  met?: boolean;
  note?: string;
  unavailable?: string;
}

/** What the comparisons found: rows for the table, numbers for the JSON line. */
export class Results {
  readonly rows: ResultRow[] = [];
  readonly json: Record<string, number> = {};
  readonly unavailable: Record<string, string> = {};

  add(row: ResultRow): void {
    this.rows.push(row);
  }

  set(field: string, value: number, digits = 3): void {
    this.json[field] = Number(value.toFixed(digits));
  }
}
