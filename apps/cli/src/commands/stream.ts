import { InvalidArgumentError, type Command } from 'commander';
import { ContractNotRegisteredError, EventValidationError, Publisher } from '@eventline/publisher';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { OPEN_PII_OPTION, withPiiOpener } from '../stream/pii-view';
import { toPublishInput, type PublishOptions } from '../stream/publish-input';
import { tailTopic } from '../stream/tail-topic';

export function streamCommands(program: Command, context: CliContext): void {
  program
    .command('publish')
    .description('publish one event, validated against its contract, and print its event_id')
    .requiredOption('--type <event_type>', 'event type, e.g. TICKET_ASSIGNED')
    .requiredOption('--tenant <id>', 'owning tenant (the message key)')
    .requiredOption('--payload <json>', 'the payload as a JSON object')
    .option('--entity-id <id>', "the entity's id; defaults to the payload's <entity>Id or <entity>_id field")
    .option('--actor <type:id>', 'who initiated it, e.g. user:agent-7 (default system:system)')
    .action(async (options: PublishOptions) => {
      const input = toPublishInput(options, context.catalog);
      const publisher = new Publisher({ kafka: context.kafka(), registry: context.registry(), source: 'eventline-cli', catalog: context.catalog });
      try {
        const [result] = await publisher.publishUntyped([input]);
        console.log(result.event_id);
      } catch (error) {
        throw forPerson(error);
      } finally {
        // Flushes the batch: the process exits as soon as the action returns.
        await publisher.close();
      }
    });

  program
    .command('tail')
    .description('print the events of a topic as JSON lines, until --max events or Ctrl-C')
    .requiredOption('--topic <topic>', 'topic, e.g. tickets.events.v1')
    .option('--tenant <id>', "only this tenant's events")
    .option('--from-beginning', 'start at the oldest retained event instead of new ones')
    .option('--max <n>', 'stop after n events', parseCount)
    .option(...OPEN_PII_OPTION)
    .action(async (options: { topic: string; tenant?: string; fromBeginning?: boolean; max?: number; openPii?: boolean }) => {
      await withPiiOpener(context, options.openPii ?? false, (opener) =>
        tailTopic(
          context.kafka(),
          context.registry(),
          { topic: options.topic, tenant: options.tenant, fromBeginning: options.fromBeginning ?? false, max: options.max, opener },
          { event: (line) => console.log(line), warning: (line) => console.error(line) },
        ),
      );
    });
}

function forPerson(error: unknown): unknown {
  if (error instanceof EventValidationError) {
    const lines = error.problems.map((p) => `  ${p.path}: ${p.reason}`);
    return new CliError([`invalid event ${error.eventType}, nothing was published:`, ...lines].join('\n'));
  }
  if (error instanceof ContractNotRegisteredError) return new CliError(error.message);
  return error;
}

function parseCount(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1.');
  return n;
}
