import type { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { checkpointEvent, loadCheckpointKey, verifyAuditChain, writeCheckpoint, type ChainVerification, type Checkpoint, type CheckpointKey } from '@eventline/audit-projection';
import { checkpointKeyFile } from '@eventline/stack-config';
import type { CliContext } from '../context';
import { withDatabase } from '../database';
import { CliError } from '../errors';
import { describeRecorded, recordGovernanceEvent } from '../governance/governance-recorder';
import { operatorOf } from '../governance/operator';
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
    .description('re-compute every chain of audit_logs and check it against the last signed checkpoint; exits 1 at the first broken link, naming the row')
    .option('--tenant <id>', "only this tenant's chains")
    .option('--from <instant>', 'each chain from its first row that occurred at or after this ISO-8601 instant', parseInstant)
    .action(async (options: VerifyOptions) => {
      const checkpointKey = optionalKey();
      const verification = await withDatabase(context, async (pool) => {
        const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_logs WHERE ($1::text IS NULL OR tenant_id = $1)', [options.tenant ?? null]);
        let bar: SingleBar | undefined;
        try {
          return await verifyAuditChain(pool, { ...options, checkpointKey, onProgress: (checked) => (bar ??= progressBar('verifying', Number(rows[0].n), 'rows')).update(checked) });
        } finally {
          bar?.stop();
        }
      });
      report(verification, options, checkpointKey);
    });

  audit
    .command('checkpoint')
    .description("sign every chain's head with the time (Ed25519, EVENTLINE_CHECKPOINT_KEY_FILE), store it in audit_checkpoints and publish it as audit.checkpoint_written")
    .action(async () => {
      const key = optionalKey();
      if (!key) throw new CliError('no checkpoint key: set EVENTLINE_CHECKPOINT_KEY_FILE to an Ed25519 private key in PEM (npm run stack:up makes .local/checkpoint-key.pem for development)');
      const checkpoint = await withDatabase(context, (pool) => writeCheckpoint(pool, key));
      console.log(`audit checkpoint ${checkpoint.id}: ${checkpoint.heads.length} chain head(s) signed at ${checkpoint.createdAt.toISOString()} with key ${checkpoint.keyId}`);
      await publishCheckpoint(context, checkpoint);
    });
}

async function publishCheckpoint(context: CliContext, checkpoint: Checkpoint): Promise<void> {
  try {
    const published = await recordGovernanceEvent(context, checkpointEvent(checkpoint, { id: operatorOf(undefined), type: 'user' }));
    console.log(`published as ${describeRecorded(published)}`);
  } catch (error) {
    throw new CliError(`checkpoint ${checkpoint.id} is stored, but its event was not published: ${(error as Error).message}`);
  }
}

function optionalKey(): CheckpointKey | undefined {
  const file = checkpointKeyFile();
  try {
    return file ? loadCheckpointKey(file) : undefined;
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

function report({ rows, chains, seconds, broken, checkpoint }: ChainVerification, options: VerifyOptions, key: CheckpointKey | undefined): void {
  if (checkpoint?.problem) throw new CliError(`the audit chain cannot be checked against its checkpoint: ${checkpoint.problem}`);
  const scope = [options.tenant ? `tenant ${options.tenant}` : 'every tenant', options.from ? `from ${options.from.toISOString()}` : ''].filter(Boolean).join(', ');
  const rate = seconds > 0 ? `, ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s` : '';
  const checked = `${rows.toLocaleString('en-US')} rows in ${chains} chain(s) checked in ${seconds.toFixed(1)} s${rate} (${scope})`;
  const against = checkpoint
    ? `against checkpoint ${checkpoint.id} of ${checkpoint.createdAt.toISOString()} (${checkpoint.chains} chains, key ${key!.keyId})`
    : key
      ? 'no checkpoint yet (`eventline audit checkpoint` writes one)'
      : 'not against a checkpoint: no EVENTLINE_CHECKPOINT_KEY_FILE';
  if (!broken) return void console.log(`audit verify: intact: ${checked}; ${against}`);
  console.log(`audit verify: ${checked} before the first broken link; ${against}`);
  throw new CliError(`the audit chain is broken at row ${broken.id} (event_id ${broken.event_id}, chain ${broken.chain}${broken.seq ? `, chain_seq ${broken.seq}` : ''}): ${broken.reason}`);
}
