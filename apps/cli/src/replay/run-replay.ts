import { withAdmin, type IncomingMessage, type KafkaPort } from '@eventline/kafka-port';
import type { PiiOpener } from '@eventline/pii-sealing';
import type { SchemaRegistryClient } from '@eventline/schema-registry';
import { CliError } from '../errors';
import { ManifestBuilder, type Manifest, type ReplayWindow } from './manifest';
import { rangeKey, rangeSize } from '../ranges/partition-range';
import { planRanges, type MissingHistory } from './plan-ranges';
import { readRanges } from '../ranges/read-ranges';
import type { EventSelection } from './event-selection';
import { RangeProgress } from '../ranges/range-progress';
import type { ReplayedEvent, ReplayTarget } from './replay-targets';

export interface ReplayRequest {
  tenant: string;
  window: ReplayWindow;
  selection: EventSelection;
  /** The edge's tolerance for an occurred_at ahead of the publish time: how far before `from` to scan. */
  maxAheadMs: number;
  includePii: boolean;
}

export interface ReplayDeps {
  kafka: KafkaPort;
  registry: SchemaRegistryClient;
  target: ReplayTarget;
  /** Opens (or marks) sealed personal data in the envelopes a file receives. */
  opener?: PiiOpener;
  warn(line: string): void;
}

/**
 * A replay that stopped after it began reading: `delivered` says what reached the target and
 * stays there, so that the run is recorded even so.
 */
export class FailedReplay extends CliError {
  constructor(
    message: string,
    readonly delivered: Manifest,
  ) {
    super(message);
  }
}

/** Reads the window's ranges, keeps the tenant's matching events, hands them to the target, and says what it delivered. */
export async function runReplay(deps: ReplayDeps, request: ReplayRequest): Promise<Manifest> {
  const scannedFrom = new Date(request.window.from.getTime() - request.maxAheadMs);
  const ranges = await withAdmin(deps.kafka, (admin) => planRanges(admin, request.selection.topics, scannedFrom.getTime()));
  if (ranges.missing.length > 0) throw new CliError(await missingHistoryReport(deps.kafka, ranges.missing, request.window));

  const manifest = new ManifestBuilder();
  const build = (outcome: 'delivered' | 'failed', delivered = manifest) =>
    delivered.build({
      tenant: request.tenant,
      window: request.window,
      target: deps.target.name,
      topics: request.selection.topics,
      types: request.selection.types,
      dryRun: deps.target.name === 'dry-run',
      scannedFrom,
      outcome,
    });
  const progress = new RangeProgress('replay', Number(ranges.ranges.reduce((sum, r) => sum + rangeSize(r), 0n)), 'matched');
  let tenantSeen = false;
  try {
    const outcome = await readRanges(deps.kafka, ranges.ranges, async (messages) => {
      const ours = messages.filter((m) => m.key === request.tenant);
      tenantSeen ||= ours.length > 0;
      const matched = await matchEvents(deps, request, ours, manifest);
      if (matched.length > 0) await deps.target.write(matched);
      // Counted once the target has them, so a failed run's record says what was delivered.
      matched.forEach(({ envelope }) => manifest.add(String(envelope.event_id), String(envelope.event_type)));
      progress.update(messages.length, manifest.count);
    });
    if (outcome === 'interrupted') throw new CliError('interrupted');
    await deps.target.finish();
  } catch (error) {
    await deps.target.abort();
    const delivered = build('failed', deps.target.keepsPartial ? manifest : new ManifestBuilder());
    const kept = deps.target.keepsPartial ? `${delivered.count} event(s) already republished stay in ${deps.target.name}` : 'nothing was delivered (the partial file is removed)';
    throw new FailedReplay(`the replay stopped (${(error as Error).message}): ${kept}`, delivered);
  } finally {
    progress.stop();
  }
  if (!tenantSeen) deps.warn(`warning: no event of tenant "${request.tenant}" in the scanned range of ${request.selection.topics.length} topic(s): is the tenant id right?`);
  return build('delivered');
}

async function matchEvents(deps: ReplayDeps, request: ReplayRequest, messages: IncomingMessage[], manifest: ManifestBuilder): Promise<ReplayedEvent[]> {
  const matched: ReplayedEvent[] = [];
  const seen = new Set<string>();
  const [from, to] = [request.window.from.getTime(), request.window.to.getTime()];
  for (const message of messages) {
    const envelope = await decode(deps, message);
    if (!envelope || envelope.tenant_id !== request.tenant) continue;
    const occurredAt = Number(envelope.occurred_at);
    if (occurredAt < from || occurredAt >= to || !request.selection.matchesType(String(envelope.event_type))) continue;
    const id = String(envelope.event_id).toLowerCase();
    if (manifest.has(id) || seen.has(id)) continue;
    seen.add(id);
    await deps.opener?.open(envelope);
    matched.push({ message, envelope });
  }
  return matched;
}

/** An undecodable record of the tenant cannot be shown as in or out of the window: say where it is. */
async function decode(deps: ReplayDeps, message: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  try {
    if (!message.value) throw new Error('empty value');
    return (await deps.registry.decode(message.value)) as Record<string, unknown>;
  } catch (error) {
    deps.warn(`warning: ${message.topic}/${message.partition}@${message.offset} (key ${message.key}) is not a decodable event and is left out: ${(error as Error).message}`);
    return undefined;
  }
}

async function missingHistoryReport(kafka: KafkaPort, missing: MissingHistory[], window: ReplayWindow): Promise<string> {
  const firstHeld = new Map<string, number>();
  // A partition emptied by retention has no first record to read: reading at its end would wait for the next one.
  const held = missing.filter((m) => m.heldFrom < m.end).map((m) => ({ topic: m.topic, partition: m.partition, start: m.heldFrom, end: m.heldFrom + 1n }));
  await readRanges(kafka, held, async ([first]) => {
    firstHeld.set(rangeKey(first.topic, first.partition), first.timestamp);
  }).catch(() => undefined);
  const byTopic = new Map<string, MissingHistory[]>();
  for (const m of missing) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
  const lines = [...byTopic].map(([topic, partitions]) => {
    const earliest = Math.min(...partitions.map((p) => firstHeld.get(rangeKey(topic, p.partition)) ?? Infinity));
    const since = Number.isFinite(earliest) ? `the earliest record still there is from ${new Date(earliest).toISOString()}` : 'they hold no records any more';
    return `  ${topic}: partition(s) ${partitions.map((p) => p.partition).join(', ')} no longer hold what came before offset(s) ${partitions.map((p) => p.heldFrom).join(', ')}; ${since}`;
  });
  return [
    `the window from ${window.from.toISOString()} is older than what these topics still hold, so a replay would be partial; nothing was delivered:`,
    ...lines,
    'Narrow --from, or leave these topics out with --topics.',
  ].join('\n');
}
