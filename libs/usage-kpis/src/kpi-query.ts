/** The dimensions token KPIs can be grouped by, each a column (or expression) of usage_daily. */
export const KPI_DIMENSIONS = ['model', 'day', 'user'] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

export interface TokenKpiQuery {
  tenant: string;
  by: KpiDimension;
  /** Inclusive UTC days, YYYY-MM-DD; open-ended when left out. */
  from?: string;
  to?: string;
}

/** Raised for input a caller can fix; the HTTP controller answers 400 and the CLI prints it. */
export class KpiQueryError extends Error {
  override readonly name = 'KpiQueryError';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Validates loosely typed input (query string, CLI flags) into a query; `by` defaults to model. */
export function parseTokenKpiQuery(input: { tenant?: unknown; by?: unknown; from?: unknown; to?: unknown }): TokenKpiQuery {
  const tenant = typeof input.tenant === 'string' ? input.tenant.trim() : '';
  if (!tenant) throw new KpiQueryError('tenant is required');
  const by = input.by === undefined || input.by === '' ? 'model' : input.by;
  if (!KPI_DIMENSIONS.includes(by as KpiDimension)) throw new KpiQueryError(`by must be one of ${KPI_DIMENSIONS.join(', ')}`);
  return { tenant, by: by as KpiDimension, from: day(input.from, 'from'), to: day(input.to, 'to') };
}

function day(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  // Date.parse accepts 2026-02-30 by rolling over; the round trip catches impossible dates.
  if (typeof value !== 'string' || !DAY.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new KpiQueryError(`${name} must be a day as YYYY-MM-DD`);
  }
  return value;
}
