import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@eventline/nest-platform';
import { KpiQueryError, parseTokenKpiQuery, tokenKpis, type TokenKpiQuery, type TokenKpiRow } from '@eventline/usage-kpis';

/** GET /v1/kpis/tokens?tenant=&by=model|day|user&from=&to= — token sums from the daily rollup. */
@Controller('v1/kpis')
export class KpisController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get('tokens')
  async tokens(@Query() params: Record<string, unknown>): Promise<TokenKpiQuery & { rows: TokenKpiRow[] }> {
    const query = parse(params);
    return { ...query, rows: await tokenKpis(this.pool, query) };
  }
}

function parse(params: Record<string, unknown>): TokenKpiQuery {
  try {
    return parseTokenKpiQuery(params);
  } catch (error) {
    if (error instanceof KpiQueryError) throw new BadRequestException(error.message);
    throw error;
  }
}
