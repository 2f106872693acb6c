import type { AdminPort } from '@eventline/kafka-port';
import pMap from 'p-map';
import { planRetention, type RetentionChange, type RetentionTarget } from './plan-retention';
import { retentionSpan } from './retention-ms';

const RETENTION_MS = 'retention.ms';

/** `tickets.events.v1: retention.ms 604800000 → 63072000000 (7 days → 2 years, tier system)` */
export function formatRetentionChange({ topic, tier, from, to }: RetentionChange): string {
  return `${topic}: ${RETENTION_MS} ${from} → ${to} (${retentionSpan(from)} → ${retentionSpan(to)}, tier ${tier})`;
}

export class ShorterRetentionRefused extends Error {
  constructor(readonly changes: RetentionChange[]) {
    super(
      `refusing to shorten the retention of ${changes.length} topic(s): it deletes their older events for good, so nothing was changed.\n  ` +
        `${changes.map(formatRetentionChange).join('\n  ')}\n` +
        'Give --allow-shorter-retention to apply it.',
    );
    this.name = 'ShorterRetentionRefused';
  }
}

/**
 * What it takes to bring the existing topics among `targets` to their tier's retention.ms. Reads
 * only, so a refusal (a shortening without `allowShorter`) comes before anything is changed.
 */
export async function planTopicRetention(admin: AdminPort, targets: RetentionTarget[], allowShorter = false): Promise<RetentionChange[]> {
  const changes = planRetention(
    targets,
    await currentRetention(
      admin,
      targets.map((t) => t.topic),
    ),
  );
  const shortening = changes.filter((change) => change.shortens);
  if (shortening.length > 0 && !allowShorter) throw new ShorterRetentionRefused(shortening);
  return changes;
}

/** Applies planned changes one topic at a time; a failure names what was already applied, so no change goes unreported. */
export async function applyRetention(admin: AdminPort, changes: RetentionChange[]): Promise<void> {
  for (const [index, change] of changes.entries()) {
    try {
      await admin.alterTopicConfig(change.topic, { [RETENTION_MS]: change.to });
    } catch (error) {
      const applied = changes.slice(0, index).map(formatRetentionChange);
      throw new Error(`${(error as Error).message}; ${applied.length} of ${changes.length} retention change(s) applied before it${applied.length ? `:\n  ${applied.join('\n  ')}` : ''}`, {
        cause: error,
      });
    }
  }
}

/** retention.ms of each of `topics` that exists, from the broker's effective config (a topic without its own is the broker's default). */
async function currentRetention(admin: AdminPort, topics: string[]): Promise<Map<string, string>> {
  const existing = new Set(await admin.listTopics());
  const present = topics.filter((topic) => existing.has(topic));
  const entries = await pMap(
    present,
    async (topic) => {
      const value = (await admin.topicConfig(topic))[RETENTION_MS];
      if (value === undefined) throw new Error(`the broker reports no ${RETENTION_MS} for ${topic}`);
      return [topic, value] as const;
    },
    { concurrency: 8 },
  );
  return new Map(entries);
}
