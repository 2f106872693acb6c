import type { RetentionTier } from '@eventline/contracts';
import { shortens } from './retention-ms';

export interface RetentionTarget {
  topic: string;
  tier: RetentionTier;
  retentionMs: string;
}

/** One existing topic whose retention.ms differs from its tier's. */
export interface RetentionChange {
  topic: string;
  tier: RetentionTier;
  from: string;
  to: string;
  /** The change deletes data for good, so it needs --allow-shorter-retention. */
  shortens: boolean;
}

/** The changes that bring each existing topic (those in `current`) to its tier; topics already there are left out. */
export function planRetention(targets: RetentionTarget[], current: Map<string, string>): RetentionChange[] {
  return targets.flatMap(({ topic, tier, retentionMs }) => {
    const from = current.get(topic);
    if (from === undefined || from === retentionMs) return [];
    return [{ topic, tier, from, to: retentionMs, shortens: shortens(from, retentionMs) }];
  });
}
