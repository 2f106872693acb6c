import { BadRequestException, Controller, ForbiddenException, Get, Inject, Query, UseGuards } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@eventline/nest-platform';
import { asTenant, TenantNotBoundError } from '@eventline/tenant-access';
import { KpiQueryError, parseTokenKpiQuery, tokenKpis, type TokenKpiQuery, type TokenKpiRow } from '@eventline/usage-kpis';
import { ReadKeyGuard } from './read-key.guard';

/**
 * GET /v1/kpis/tokens?tenant=&by=model|day|user&from=&to= — token sums from the daily rollup, for
 * a key with the read scope that names the tenant. The query runs as the tenant's bound role, so
 * row-level security, not only the WHERE clause, keeps other tenants' rows out.
 */
@Controller('v1/kpis')
@UseGuards(ReadKeyGuard)
export class KpisController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get('tokens')
  async tokens(@Query() params: Record<string, unknown>): Promise<TokenKpiQuery & { rows: TokenKpiRow[] }> {
    const query = parse(params);
    try {
      return { ...query, rows: await asTenant(this.pool, query.tenant, (db) => tokenKpis(db, query)) };
    } catch (error) {
      if (error instanceof TenantNotBoundError) throw new ForbiddenException(error.message);
      throw error;
    }
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
