import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import type { Pool } from 'pg';
import { withTransaction } from '@eventline/persistence';
import { purgeSubjectCopies, type ErasedSubject, type PurgedCopies } from '@eventline/read-model-erasure';
import { DEFAULT_KEY_CACHE_MS, PgSubjectKeyStore } from '@eventline/subject-keys';
import type { CliContext } from '../context';
import { requireRlsBypass, withDatabase } from '../database';
import { CliError } from '../errors';
import { describeRecorded, recordGovernanceEvent } from '../governance/governance-recorder';
import { operatorOf } from '../governance/operator';
import { parseSeconds } from '../options/whole-numbers';
import { cliMasterKey } from '../stream/pii-view';

interface EraseOptions {
  tenant: string;
  subject: string;
  dryRun?: boolean;
  actor?: string;
  settle: number;
}

interface Erasure {
  ref: string;
  keys: number;
  at: number;
  purged: PurgedCopies;
}

/** The right to erasure in an immutable log: destroy the subject's keys, purge opened copies, and say so in the log. */
export function eraseCommand(program: Command, context: CliContext): void {
  program
    .command('erase')
    .description(
      "crypto-shred a data subject: destroy the subject's keys, so every field sealed for it can no longer be opened, and redact the read models that hold opened copies (notifications); records it as compliance.subject_erased (no personal data)",
    )
    .requiredOption('--tenant <id>', 'the tenant whose subject it is (keys are per tenant)')
    .requiredOption('--subject <id>', "the data subject: the value its contracts' pii_subject reads, e.g. a user id")
    .option('--dry-run', 'say how many keys would be destroyed; destroy nothing and publish nothing')
    .option('--actor <id>', 'who asks for the erasure (default: EVENTLINE_ACTOR, else the OS user)')
    .option('--settle <seconds>', 'how long running consumers may still hold the key in their cache; the read models are purged again after it', parseSeconds, DEFAULT_KEY_CACHE_MS / 1000)
    .action(async (options: EraseOptions) => {
      const master = cliMasterKey();
      const erased = await withDatabase(context, async (pool) => {
        await requireRlsBypass(pool, 'eventline erase');
        const store = new PgSubjectKeyStore(pool, master);
        const subject = { tenantId: options.tenant, subjectId: options.subject, subjectRef: store.subjectRef(options.tenant, options.subject) };
        if (options.dryRun) {
          console.log(
            `erase (dry run): subject ${subject.subjectRef} of tenant ${options.tenant} has ${await store.countLive(options.tenant, options.subject)} live key(s); nothing destroyed, nothing published`,
          );
          return undefined;
        }
        const keys = await store.erase(options.tenant, options.subject);
        console.log(`erased: subject ${subject.subjectRef} of tenant ${options.tenant}, ${keys} key(s) destroyed`);
        return { ref: subject.subjectRef, keys, at: Date.now(), purged: await purgeTwice(pool, subject, options.settle) };
      });
      if (erased) await publishErasure(context, options, erased);
    });
}

/**
 * A consumer that opened the subject's data just before the key went can keep opening it from its
 * key cache for up to `settle` seconds, and write fresh copies meanwhile: the second purge,
 * after that, catches them.
 */
async function purgeTwice(pool: Pool, subject: ErasedSubject, settleSeconds: number): Promise<PurgedCopies> {
  let total = await purge(pool, subject);
  if (settleSeconds > 0) {
    console.log(`waiting ${settleSeconds} s for consumers' key caches to expire, then purging again…`);
    await sleep(settleSeconds * 1000);
    const again = await purge(pool, subject);
    total = {
      notificationsRedacted: total.notificationsRedacted + again.notificationsRedacted,
      directoryEntriesRemoved: total.directoryEntriesRemoved + again.directoryEntriesRemoved,
      preferencesRemoved: total.preferencesRemoved + again.preferencesRemoved,
    };
  }
  const entries = total.directoryEntriesRemoved === 1 ? 'entry' : 'entries';
  console.log(`purged: ${total.notificationsRedacted} notification(s) redacted, ${total.directoryEntriesRemoved} contact ${entries} and ${total.preferencesRemoved} preference(s) removed`);
  return total;
}

async function purge(pool: Pool, subject: ErasedSubject): Promise<PurgedCopies> {
  try {
    return await withTransaction(pool, (tx) => purgeSubjectCopies(tx, subject));
  } catch (error) {
    // The keys are gone already; what is left is to redact the copies, which a rerun does.
    throw new CliError(`the subject's keys are destroyed, but its copies in the read models were not purged: ${(error as Error).message}. Run the command again to purge them.`);
  }
}

async function publishErasure(context: CliContext, options: EraseOptions, erased: Erasure): Promise<void> {
  try {
    const published = await recordGovernanceEvent(context, {
      event_type: 'compliance.subject_erased',
      tenant_id: options.tenant,
      entity_id: erased.ref,
      actor: { id: operatorOf(options.actor), type: 'user' },
      occurred_at: erased.at,
      payload: { subject_ref: erased.ref, keys_erased: erased.keys, erased_at: erased.at },
    });
    console.log(`recorded as ${describeRecorded(published)}`);
  } catch (error) {
    // The keys are gone either way; running the command again records it (with 0 keys destroyed then).
    throw new CliError(`the subject's keys are destroyed, but the erasure event was not published: ${(error as Error).message}. Run the command again to record it.`);
  }
}
