import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { occurredAtWindowFrom } from '@eventline/publisher';
import type { CliContext } from '../context';
import { CliError } from '../errors';
import { parseInstant } from '../options/instant';
import { parseSeconds } from '../options/whole-numbers';
import { operatorOf } from '../governance/operator';
import { selectEvents } from '../replay/event-selection';
import { formatManifest } from '../replay/format-manifest';
import type { Manifest } from '../replay/manifest';
import { publishReplayPerformed } from '../replay/replay-performed';
import { dryRunTarget, FileTarget, TopicTarget, type ReplayTarget } from '../replay/replay-targets';
import { FailedReplay, runReplay } from '../replay/run-replay';
import { withPiiOpener } from '../stream/pii-view';
import { parseList } from '../options/lists';

interface ReplayOptions {
  tenant: string;
  from: Date;
  to: Date;
  types?: string[];
  topics?: string[];
  out?: string;
  toTopic?: string;
  force?: boolean;
  dryRun?: boolean;
  includePii?: boolean;
  actor?: string;
  json?: boolean;
  maxAhead?: number;
}

/** Compliance replays a tenant's events of a time window, exactly, and the replay is itself audited. */
export function replayCommand(program: Command, context: CliContext): void {
  program
    .command('replay')
    .description(
      "one tenant's events whose occurred_at lies in [--from, --to), from the topics, to a file or a topic, with a manifest (count per type, sha256 over the event ids); every run, dry runs included, is recorded as compliance.replay_performed",
    )
    .requiredOption('--tenant <id>', 'the tenant whose events to replay')
    .requiredOption('--from <instant>', 'start of the window on occurred_at, included (ISO-8601)', parseInstant)
    .requiredOption('--to <instant>', 'end of the window, excluded (ISO-8601)', parseInstant)
    .option('--types <list>', 'only these event types; a name ending in * is a prefix (TICKET_*,community.*)', parseList)
    .option('--topics <list>', 'only these catalog topics (default: the topics of the selected types)', parseList)
    .option('--out <file>', 'write the envelopes as NDJSON (.ndjson.gz: gzipped), with <file>.manifest.json beside it')
    .option('--to-topic <name>', 'republish the records unchanged (key, value, headers) to this topic, each with a replayed-from header; not a catalog topic')
    .option('--force', 'replace an existing --out file')
    .option('--dry-run', 'print the manifest; write no file and no topic (still recorded)')
    .option('--include-pii', 'deliver personal data opened (needs the master key); without it, it stays sealed, and erased subjects show {"erased":true}')
    .option('--actor <id>', 'who replays (default: EVENTLINE_ACTOR, else the OS user)')
    .option('--json', 'print the manifest as JSON (as in <file>.manifest.json)')
    .option(
      '--max-ahead <seconds>',
      'how far ahead of its publish time the edge accepts an occurred_at: the replay reads from --from minus this (default EVENTLINE_OCCURRED_AT_MAX_AHEAD_S, else 3600); give the largest any publisher uses',
      parseSeconds,
    )
    .action(async (options: ReplayOptions) => {
      if (options.from.getTime() >= options.to.getTime()) throw new CliError(`--from (${options.from.toISOString()}) must be before --to (${options.to.toISOString()})`);
      const selection = selectEvents(context.catalog, options.types, options.topics);
      const target = replayTarget(context, options);
      const manifest = await withPiiOpener(context, options.includePii ?? false, (opener) =>
        runReplay(
          { kafka: context.kafka(), registry: context.registry(), target, opener: target instanceof FileTarget ? opener : undefined, warn: (line) => console.error(line) },
          {
            tenant: options.tenant,
            window: { from: options.from, to: options.to },
            selection,
            maxAheadMs: options.maxAhead !== undefined ? options.maxAhead * 1000 : occurredAtWindowFrom().maxAheadMs,
            includePii: options.includePii ?? false,
          },
        ),
      ).catch(async (error: unknown) => {
        // A run that read events is recorded even when it stopped: what it delivered, as "failed".
        if (error instanceof FailedReplay) await record(context, error.delivered, options);
        throw error;
      });
      if (options.out && !options.dryRun) writeFileSync(`${options.out}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
      console.log(options.json ? JSON.stringify(manifest, null, 2) : formatManifest(manifest));
      await record(context, manifest, options);
    });
}

function replayTarget(context: CliContext, options: ReplayOptions): ReplayTarget {
  const targets = [options.out, options.toTopic].filter((t) => t !== undefined).length;
  if (targets > 1) throw new CliError('give one target: --out <file> or --to-topic <name>, not both');
  if (options.dryRun) return dryRunTarget();
  if (options.out) return new FileTarget(options.out, options.force ?? false);
  if (options.toTopic) {
    if (context.catalog.events.some((e) => e.topic === options.toTopic))
      throw new CliError(`--to-topic: ${options.toTopic} is a catalog topic; replaying into it would publish every event again to its consumers`);
    return new TopicTarget(context.kafka(), options.toTopic);
  }
  throw new CliError('say where the events go: --out <file>, --to-topic <name>, or --dry-run');
}

async function record(context: CliContext, manifest: Manifest, options: ReplayOptions): Promise<void> {
  try {
    const event = await publishReplayPerformed(context, manifest, { actor: operatorOf(options.actor), includePii: options.includePii ?? false });
    console.error(`recorded as compliance.replay_performed ${event.event_id} on ${event.topic}`);
  } catch (error) {
    const what = manifest.outcome === 'failed' ? `stopped after delivering ${manifest.count} event(s)` : 'was delivered';
    throw new CliError(`the replay ${what} (${manifest.target}), but its record, compliance.replay_performed, was not published: ${(error as Error).message}`);
  }
}
