import type { Command } from 'commander';
import type { CliContext } from '../context';
import { resetGroup } from '../groups/reset-group';
import { parseInstant } from '../options/instant';
import { parseList } from '../options/lists';

interface ResetOptions {
  group: string;
  toDatetime: Date;
  topics?: string[];
  execute?: boolean;
}

/** Consumer groups, for the teams that run them: moving one back (or on) to a point in time. */
export function groupCommands(program: Command, context: CliContext): void {
  const groups = program.command('groups').description("consumer groups: reset one's offsets to a time (Eventline's own projectors: their offsets in PostgreSQL)");

  groups
    .command('reset')
    .description(
      "reset a consumer group's offsets to the first record at or after a time, on every partition of its topics. Without --execute a dry run: prints each partition's CURRENT offset (- when the group has none), TARGET offset and LAG (end offset − target: what the group will read after the reset). " +
        "For Eventline's own projectors (rows in PostgreSQL's consumer_offsets) it moves the stored offsets and their Kafka mirror together. Refused while the group has active members.",
    )
    .requiredOption('--group <group>', "consumer group, e.g. a downstream team's, or audit-projector (with EVENTLINE_TOPIC_PREFIX in front when the projector runs with one)")
    .requiredOption('--to-datetime <instant>', 'the time to reset to (ISO-8601, e.g. 2026-11-01T00:00:00Z)', parseInstant)
    .option('--topics <list>', 'only these topics, comma-separated (default: every topic the group has offsets on)', parseList)
    .option('--execute', 'carry the reset out (without it: a dry run that changes nothing)')
    .action((options: ResetOptions) => resetGroup(context, { group: options.group, at: options.toDatetime, topics: options.topics, execute: options.execute ?? false }, (text) => console.log(text)));
}
