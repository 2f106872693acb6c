import type { Pool, PoolClient } from 'pg';
import type { KpiDimension, TokenKpiQuery } from './kpi-query';

export interface TokenKpiRow {
  /** The model name, the user id or the day (YYYY-MM-DD), after `by`. */
  key: string;
  events: number;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
}

/** Whitelisted group-by expressions: `by` never reaches the SQL text as typed. */
const KEY_EXPRESSION: Record<KpiDimension, string> = {
  model: 'model_name',
  user: 'user_id',
  day: "to_char(day, 'YYYY-MM-DD')",
};

/** Days read in calendar order; models and users biggest consumer first. */
const ORDER: Record<KpiDimension, string> = {
  model: 'total_tokens DESC, key',
  user: 'total_tokens DESC, key',
  day: 'key',
};

/** Token sums for one tenant from the usage_daily rollup (never the raw records), grouped by model, day or user. */
export async function tokenKpis(db: Pick<Pool | PoolClient, 'query'>, query: TokenKpiQuery): Promise<TokenKpiRow[]> {
  const { rows } = await db.query(
    `SELECT ${KEY_EXPRESSION[query.by]} AS key,
            sum(events)::int8 AS events,
            sum(input_tokens)::int8 AS input_tokens,
            sum(output_tokens)::int8 AS output_tokens,
            sum(input_tokens + output_tokens)::int8 AS total_tokens
       FROM usage_daily
      WHERE tenant_id = $1
        AND ($2::date IS NULL OR day >= $2::date)
        AND ($3::date IS NULL OR day <= $3::date)
      GROUP BY 1
      ORDER BY ${ORDER[query.by]}`,
    [query.tenant, query.from ?? null, query.to ?? null],
  );
  // int8 arrives as a string; token sums of one tenant stay far below 2^53.
  return rows.map((r) => ({ key: r.key, events: Number(r.events), input_tokens: Number(r.input_tokens), output_tokens: Number(r.output_tokens), total_tokens: Number(r.total_tokens) }));
}
