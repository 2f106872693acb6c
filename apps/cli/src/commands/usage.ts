import type { Command } from 'commander';
import { asTenant, TenantNotBoundError } from '@eventline/tenant-access';
import { KpiQueryError, parseTokenKpiQuery, tokenKpis } from '@eventline/usage-kpis';
import type { CliContext } from '../context';
import { withDatabase } from '../database';
import { CliError } from '../errors';
import { formatTable } from '../output/table';

interface KpiOptions {
  tenant?: string;
  by?: string;
  from?: string;
  to?: string;
}

export function usageCommands(program: Command, context: CliContext): void {
  const usage = program.command('usage').description('model usage projected by the usage projector (its usage_daily rollup)');

  usage
    .command('kpis')
    .description('tokens of one tenant by model, day or user')
    .requiredOption('--tenant <id>', 'the tenant to report on')
    .option('--by <dimension>', 'model, day or user', 'model')
    .option('--from <day>', 'first day, YYYY-MM-DD (UTC), inclusive')
    .option('--to <day>', 'last day, YYYY-MM-DD (UTC), inclusive')
    .action(async (options: KpiOptions) => {
      const query = toQuery(options);
      // Straight to PostgreSQL, the same SQL as the projector's HTTP endpoint (and as the tenant's role): works while the app is down.
      const rows = await withDatabase(context, (pool) => asTenant(pool, query.tenant, (db) => tokenKpis(db, query))).catch((error: unknown) => {
        throw error instanceof TenantNotBoundError ? new CliError(error.message) : error;
      });
      if (rows.length === 0) return void console.log(`No usage recorded for tenant "${query.tenant}" in that range.`);
      const table = rows.map((r) => [r.key, String(r.events), String(r.input_tokens), String(r.output_tokens), String(r.total_tokens)]);
      console.log(formatTable([query.by.toUpperCase(), 'EVENTS', 'INPUT', 'OUTPUT', 'TOTAL'], table));
    });
}

function toQuery(options: KpiOptions) {
  try {
    return parseTokenKpiQuery(options);
  } catch (error) {
    throw error instanceof KpiQueryError ? new CliError(error.message) : error;
  }
}
