import type { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { verifyAuditChain, type ChainVerification } from '@eventline/audit-projection';
import type { CliContext } from '../context';
import { withDatabase } from '../database';
import { CliError } from '../errors';
import { parseInstant } from '../options/instant';
import { progressBar } from '../output/progress-bar';

interface VerifyOptions {
  tenant?: string;
  from?: Date;
}

export function auditCommands(program: Command, context: CliContext): void {
  const audit = program.command('audit').description("the audit log's tamper evidence (the hash chain of audit_logs)");

  audit
    .command('verify')
    .description('re-compute every chain of audit_logs; exits 1 at the first broken link, naming the row')
    .option('--tenant <id>', "only this tenant's chains")
    .option('--from <instant>', 'each chain from its first row that occurred at or after this ISO-8601 instant', parseInstant)
    .action(async (options: VerifyOptions) => {
      const verification = await withDatabase(context, async (pool) => {
        const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_logs WHERE ($1::text IS NULL OR tenant_id = $1)', [options.tenant ?? null]);
        let bar: SingleBar | undefined;
        try {
          return await verifyAuditChain(pool, { ...options, onProgress: (checked) => (bar ??= progressBar('verifying', Number(rows[0].n), 'rows')).update(checked) });
        } finally {
          bar?.stop();
        }
      });
      report(verification, options);
    });
}

function report({ rows, chains, seconds, broken }: ChainVerification, options: VerifyOptions): void {
  const scope = [options.tenant ? `tenant ${options.tenant}` : 'every tenant', options.from ? `from ${options.from.toISOString()}` : ''].filter(Boolean).join(', ');
  const rate = seconds > 0 ? `, ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s` : '';
  const checked = `${rows.toLocaleString('en-US')} rows in ${chains} chain(s) checked in ${seconds.toFixed(1)} s${rate} (${scope})`;
  if (!broken) return void console.log(`audit verify: intact: ${checked}`);
  console.log(`audit verify: ${checked} before the first broken link`);
  throw new CliError(`the audit chain is broken at row ${broken.id} (event_id ${broken.event_id}, chain ${broken.chain}${broken.seq ? `, chain_seq ${broken.seq}` : ''}): ${broken.reason}`);
}
