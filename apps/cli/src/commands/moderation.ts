import type { Command } from 'commander';
import type { CliContext } from '../context';
import { withDatabase } from '../database';
import { CliError } from '../errors';
import { formatTable } from '../output/table';

export function moderationCommands(program: Command, context: CliContext): void {
  const moderation = program.command('moderation').description("the moderation worker's cases: list and resolve them");

  moderation
    .command('cases')
    .description('moderation cases, newest first')
    .option('--tenant <id>', 'only this tenant')
    .option('--status <status>', 'open or resolved')
    .option('--limit <n>', 'at most this many', '100')
    .action(async (options: { tenant?: string; status?: string; limit: string }) => {
      if (options.status && !['open', 'resolved'].includes(options.status)) throw new CliError(`--status must be open or resolved, not "${options.status}"`);
      const { rows } = await withDatabase(context, (pool) =>
        pool.query(
          `SELECT id, tenant_id, created_at, decision, reason, subject_type, subject_id, status, details FROM moderation_cases
           WHERE ($1::text IS NULL OR tenant_id = $1) AND ($2::text IS NULL OR status = $2) ORDER BY created_at DESC LIMIT $3`,
          [options.tenant ?? null, options.status ?? null, Number(options.limit)],
        ),
      );
      if (rows.length === 0) return void console.log('No moderation cases match.');
      console.log(
        formatTable(
          ['ID', 'TENANT', 'CREATED', 'DECISION', 'REASON', 'SUBJECT', 'STATUS', 'DETAILS'],
          rows.map((r) => [r.id, r.tenant_id, (r.created_at as Date).toISOString().slice(0, 19) + 'Z', r.decision, r.reason, `${r.subject_type}:${r.subject_id}`, r.status, JSON.stringify(r.details)]),
        ),
      );
    });

  moderation
    .command('resolve <case-id>')
    .description('close a case, recording who reviewed it')
    .requiredOption('--by <user>', 'the reviewer')
    .action(async (caseId: string, options: { by: string }) => {
      if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw new CliError(`"${caseId}" is not a case id; \`eventline moderation cases\` lists them.`);
      const { rows } = await withDatabase(context, (pool) =>
        pool.query(`UPDATE moderation_cases SET status = 'resolved', resolved_by = $2, resolved_at = now() WHERE id = $1 AND status = 'open' RETURNING id`, [caseId, options.by]),
      );
      if (rows.length === 1) return void console.log(`Resolved moderation case ${caseId} (by ${options.by}).`);
      const exists = await withDatabase(context, (pool) => pool.query('SELECT resolved_by FROM moderation_cases WHERE id = $1', [caseId]));
      if (exists.rows.length === 0) throw new CliError(`No moderation case has id "${caseId}"; \`eventline moderation cases\` lists them.`);
      console.log(`Moderation case ${caseId} was already resolved by ${exists.rows[0].resolved_by}.`);
    });
}
