import type { Command } from 'commander';
import { EVERY_TENANT, listPolicies, policyEnforcedEvent, runRetention, selectPolicies, setPolicy, type Evidence, type RetentionPolicy } from '@eventline/read-model-retention';
import type { CliContext } from '../context';
import { requireRlsBypass, withDatabase } from '../database';
import { CliError } from '../errors';
import { parseCount } from '../options/whole-numbers';
import { formatTable } from '../output/table';
import { withGovernanceRecorder } from '../governance/governance-recorder';
import { operatorOf } from '../governance/operator';
import { refusingInput } from '../retention/input-errors';
import { runProgress } from '../retention/run-progress';

interface RunOptions {
  dryRun?: boolean;
  policy: string[];
  batchSize: number;
  actor?: string;
}

interface SetOptions {
  table: string;
  maxAgeDays: number;
  tenant: string;
  ageColumn: string;
  idColumn: string;
  actor?: string;
}

/** One batch deletes this many rows at most, each batch its own transaction. */
const DEFAULT_BATCH_SIZE = 1000;

/** Retention of read models: policies as data, enforced in bounded batches, with evidence per policy per run. */
export function retentionCommands(program: Command, context: CliContext): void {
  const retention = program.command('retention').description('retention of read models: policies, runs and their evidence (data_retention_audit_logs); legal holds are `eventline hold`');

  retention
    .command('run')
    .description(
      'delete the rows older than each policy allows, skipping tenants on legal hold; writes a data_retention_audit_logs row and publishes data_retention.policy_enforced per policy, dry run or not',
    )
    .option('--dry-run', 'count and sample what would be deleted; delete nothing (the evidence is still written and published)')
    .option('--policy <name>', 'only this policy (repeatable; default: every policy)', (name: string, names: string[]) => [...names, name], [])
    .option('--batch-size <rows>', 'rows deleted per batch (one transaction each)', parseCount, DEFAULT_BATCH_SIZE)
    .option('--actor <id>', 'who runs it (default: EVENTLINE_ACTOR, else the OS user)')
    .action((options: RunOptions) => runCommand(context, options));

  retention
    .command('policies')
    .description('the retention policies')
    .action(async () => {
      const policies = await withDatabase(context, (pool) => listPolicies(pool));
      if (policies.length === 0) return console.log('No retention policies.');
      console.log(formatTable(['NAME', 'TENANT', 'TABLE', 'AGE COLUMN', 'MAX AGE', 'UPDATED'], policies.map(policyRow)));
    });

  retention
    .command('policy')
    .description('change the retention policies')
    .command('set <name>')
    .description('create the policy of that name, or change it')
    .requiredOption('--table <table>', 'the read model to delete from (never an audit table)')
    .requiredOption('--max-age-days <days>', 'rows older than this many days are deleted', parseCount)
    .option('--tenant <id>', "one tenant, or '*' for every tenant", EVERY_TENANT)
    .option('--age-column <column>', 'the timestamp column that says how old a row is', 'created_at')
    .option('--id-column <column>', 'the column whose values name deleted rows in the evidence', 'id')
    .option('--actor <id>', 'who changes it (default: EVENTLINE_ACTOR, else the OS user)')
    .action(async (name: string, options: SetOptions) => {
      const input = {
        name,
        tenantId: options.tenant,
        table: options.table,
        ageColumn: options.ageColumn,
        idColumn: options.idColumn,
        maxAgeDays: options.maxAgeDays,
        actor: operatorOf(options.actor),
      };
      const { policy, created } = await refusingInput(() => withDatabase(context, (pool) => setPolicy(pool, input)));
      console.log(`${created ? 'created' : 'changed'}: ${describePolicy(policy)}`);
    });
}

async function runCommand(context: CliContext, options: RunOptions): Promise<void> {
  const evidence = await withGovernanceRecorder(context, (recorder) =>
    refusingInput(() =>
      withDatabase(context, async (pool) => {
        await requireRlsBypass(pool, 'eventline retention run');
        const policies = await selectPolicies(pool, options.policy);
        const run = { actor: operatorOf(options.actor), dryRun: options.dryRun === true, batchSize: options.batchSize, progressFor: (p: RetentionPolicy) => runProgress(p.name, options.batchSize) };
        return runRetention(pool, policies, run, async (enforced) => {
          try {
            await recorder.record(policyEnforcedEvent(enforced));
          } catch (error) {
            throw new CliError(
              `policy ${enforced.policy.name}: ${enforced.dryRun ? 'measured' : 'enforced'} and its evidence written to data_retention_audit_logs (run ${enforced.runId}), but data_retention.policy_enforced was not published: ${(error as Error).message}. Later policies did not run; run again to enforce and record them.`,
            );
          }
        });
      }),
    ),
  );
  printRun(evidence, options.dryRun === true);
}

function printRun(evidence: Evidence[], dryRun: boolean): void {
  if (evidence.length === 0) return console.log('No retention policies: nothing to do.');
  console.log(`retention run ${evidence[0].runId}${dryRun ? ' (dry run: nothing deleted)' : ''}`);
  console.log(formatTable(['POLICY', 'TABLE', 'TENANT', 'CUTOFF', dryRun ? 'WOULD DELETE' : 'DELETED', 'KEPT ON HOLD'], evidence.map(evidenceRow)));
  console.log(`evidence: ${evidence.length} row(s) in data_retention_audit_logs, ${evidence.length} data_retention.policy_enforced event(s) published`);
}

function evidenceRow(e: Evidence): string[] {
  return [e.policy.name, e.policy.table, scope(e.policy.tenantId), e.cutoffAt.toISOString(), String(e.rowsAffected), e.heldTenants.join(' ') || '-'];
}

function policyRow(p: RetentionPolicy): string[] {
  return [p.name, scope(p.tenantId), p.table, p.ageColumn, `${p.maxAgeDays} days`, `${p.updatedAt.toISOString()} by ${p.updatedBy}`];
}

function describePolicy(p: RetentionPolicy): string {
  return `policy ${p.name} deletes rows of ${p.table} older than ${p.maxAgeDays} days by ${p.ageColumn}, for ${p.tenantId === EVERY_TENANT ? 'every tenant' : `tenant ${p.tenantId}`}`;
}

const scope = (tenantId: string) => (tenantId === EVERY_TENANT ? 'every tenant' : tenantId);
