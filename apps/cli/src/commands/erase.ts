import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { Publisher } from '@eventline/publisher';
import { PgSubjectKeyStore } from '@eventline/subject-keys';
import type { CliContext } from '../context';
import { withDatabase } from '../database';
import { CliError } from '../errors';
import { cliMasterKey } from '../stream/pii-view';

interface EraseOptions {
  tenant: string;
  subject: string;
  dryRun?: boolean;
  actor?: string;
}

/** The right to erasure in an immutable log: destroy the subject's keys, and say so in the log. */
export function eraseCommand(program: Command, context: CliContext): void {
  program
    .command('erase')
    .description("crypto-shred a data subject: destroy the subject's keys, so every field sealed for it can no longer be opened; records it as compliance.subject_erased (no personal data)")
    .requiredOption('--tenant <id>', 'the tenant whose subject it is (keys are per tenant)')
    .requiredOption('--subject <id>', "the data subject: the value its contracts' pii_subject reads, e.g. a user id")
    .option('--dry-run', 'say how many keys would be destroyed; destroy nothing and publish nothing')
    .option('--actor <id>', 'who asks for the erasure (default: EVENTLINE_ACTOR, else the OS user)')
    .action(async (options: EraseOptions) => {
      const master = cliMasterKey();
      const erased = await withDatabase(context, async (pool) => {
        const store = new PgSubjectKeyStore(pool, master);
        const ref = store.subjectRef(options.tenant, options.subject);
        if (options.dryRun) {
          console.log(`erase (dry run): subject ${ref} of tenant ${options.tenant} has ${await store.countLive(options.tenant, options.subject)} live key(s); nothing destroyed, nothing published`);
          return undefined;
        }
        return { ref, keys: await store.erase(options.tenant, options.subject), at: Date.now() };
      });
      if (!erased) return;
      console.log(`erased: subject ${erased.ref} of tenant ${options.tenant}, ${erased.keys} key(s) destroyed`);
      await publishErasure(context, options, erased);
    });
}

async function publishErasure(context: CliContext, options: EraseOptions, erased: { ref: string; keys: number; at: number }): Promise<void> {
  const publisher = new Publisher({ kafka: context.kafka(), registry: context.registry(), source: 'eventline-cli', catalog: context.catalog });
  try {
    const [published] = await publisher.publishUntyped([
      {
        event_type: 'compliance.subject_erased',
        tenant_id: options.tenant,
        entity_id: erased.ref,
        actor: { id: options.actor ?? process.env.EVENTLINE_ACTOR ?? userInfo().username, type: 'user' },
        occurred_at: erased.at,
        payload: { subject_ref: erased.ref, keys_erased: erased.keys, erased_at: erased.at },
      },
    ]);
    console.log(`recorded as ${published.event_type} ${published.event_id} on ${published.topic}`);
  } catch (error) {
    // The keys are gone either way; running the command again records it (with 0 keys destroyed then).
    throw new CliError(`the subject's keys are destroyed, but the erasure event was not published: ${(error as Error).message}. Run the command again to record it.`);
  } finally {
    await publisher.close();
  }
}
