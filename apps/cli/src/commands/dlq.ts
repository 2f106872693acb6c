import type { Command } from 'commander';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { deadLetterDetails } from '../dlq/dead-letter-details';
import { deadLetterSummary, deadLetterTable } from '../dlq/dead-letter-table';
import { openDeadLetterTopic } from '../dlq/dead-letter-topic';
import { findDeadLetter, listDeadLetters } from '../dlq/find-dead-letters';
import { redrive, type RedriveTarget } from '../dlq/redrive';
import { parseCount, parseOffset } from '../options/whole-numbers';
import { OPEN_PII_OPTION, withPiiOpener } from '../stream/pii-view';

interface RedriveOptions {
  group: string;
  offset?: bigint;
  all?: boolean;
  dryRun?: boolean;
}

export function dlqCommands(program: Command, context: CliContext): void {
  const dlq = program.command('dlq').description("a consumer group's dead letters (<group>.dlq): inspect them, and redrive them after a fix");

  dlq
    .command('list')
    .description('every dead letter of the group, oldest first, with its error and original position')
    .requiredOption('--group <group>', 'consumer group, e.g. audit-projector')
    .option('--max <n>', 'show only the oldest n', parseCount)
    .action(async (options: { group: string; max?: number }) => {
      const kafka = context.kafka();
      const topic = await openDeadLetterTopic(kafka, options.group);
      const letters = await listDeadLetters(kafka, topic, options.max);
      const cutShort = options.max !== undefined && letters.length >= options.max;
      if (letters.length > 0) console.log(`${deadLetterTable(letters)}\n`);
      console.log(deadLetterSummary(topic.topic, cutShort ? topic.end - topic.oldest : BigInt(letters.length), letters.length));
    });

  dlq
    .command('show')
    .description('one dead letter: every header, and its value decoded (or its first bytes)')
    .requiredOption('--group <group>', 'consumer group, e.g. audit-projector')
    .requiredOption('--offset <n>', 'the DLQ OFFSET that `dlq list` shows', parseOffset)
    .option(...OPEN_PII_OPTION)
    .action(async (options: { group: string; offset: bigint; openPii?: boolean }) => {
      const kafka = context.kafka();
      const topic = await openDeadLetterTopic(kafka, options.group);
      const letter = await findDeadLetter(kafka, topic, options.offset);
      if (!letter) throw new CliError(`${topic.topic} returned nothing at offset ${options.offset}`);
      console.log(await withPiiOpener(context, options.openPii ?? false, (opener) => deadLetterDetails(context.registry(), topic.topic, letter, opener)));
    });

  dlq
    .command('redrive')
    .description('publish dead letters again to their original topic, so the group retries them')
    .requiredOption('--group <group>', 'consumer group, e.g. audit-projector')
    .option('--offset <n>', 'redrive this one dead letter', parseOffset)
    .option('--all', 'redrive every dead letter no earlier --all redrove (its progress is consumer group <group>.dlq-redrive)')
    .option('--dry-run', 'say what would be redriven; publish and record nothing')
    .action(async (options: RedriveOptions) => {
      const target = redriveTarget(options);
      const kafka = context.kafka();
      const topic = await openDeadLetterTopic(kafka, options.group);
      const result = await redrive(kafka, topic, target, options.dryRun ?? false, {
        redriven: (line) => console.log(line),
        warning: (line) => console.error(line),
      });
      const count = `${result.redriven} dead letter${result.redriven === 1 ? '' : 's'}`;
      const skipped = result.skipped > 0 ? `; ${result.skipped} skipped` : '';
      const interrupted = result.outcome === 'interrupted' ? ' before being interrupted' : '';
      console.log(options.dryRun ? `Would redrive ${count} from ${topic.topic} (dry run: nothing published)${skipped}.` : `Redrove ${count} from ${topic.topic}${interrupted}${skipped}.`);
    });
}

function redriveTarget(options: RedriveOptions): RedriveTarget {
  if (options.all && options.offset !== undefined) throw new CliError('give either --offset <n> or --all, not both');
  if (options.all) return 'all';
  if (options.offset !== undefined) return { offset: options.offset };
  throw new CliError('say which dead letters to redrive: --offset <n> or --all');
}
