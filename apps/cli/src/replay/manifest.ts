import { createHash } from 'node:crypto';

export interface ReplayWindow {
  from: Date;
  to: Date;
}

/** What a replay delivered, so that two replays (or a replay and audit_logs) can be compared. */
export interface Manifest {
  tenant: string;
  window: { from: string; to: string };
  target: string;
  topics: string[];
  types: string[];
  count: number;
  countsByType: Record<string, number>;
  /** sha256 over the event ids, lower-case, sorted, one per line (see eventIdsDigest). */
  sha256: string;
  dryRun: boolean;
  /** delivered, or failed: then count and sha256 cover what reached the target and stays there. */
  outcome: 'delivered' | 'failed';
  /** Where the read started: `from` minus the edge's max-ahead, so a reader can see what exactness assumed. */
  scannedFrom: string;
  createdAt: string;
}

/** The digest a manifest carries: `sha256(sorted lower-case event ids joined by "\n")`. */
export function eventIdsDigest(eventIds: string[]): string {
  return createHash('sha256')
    .update(
      [...eventIds]
        .map((id) => id.toLowerCase())
        .sort()
        .join('\n'),
    )
    .digest('hex');
}

/** Collects what a replay matched; an event seen twice (published twice) counts once. */
export class ManifestBuilder {
  private readonly eventIds = new Set<string>();
  private readonly counts = new Map<string, number>();

  /** Whether this event_id was delivered already (an event published twice is delivered once). */
  has(eventId: string): boolean {
    return this.eventIds.has(eventId.toLowerCase());
  }

  /** Counts an event once the target has it. */
  add(eventId: string, eventType: string): void {
    const id = eventId.toLowerCase();
    if (this.eventIds.has(id)) return;
    this.eventIds.add(id);
    this.counts.set(eventType, (this.counts.get(eventType) ?? 0) + 1);
  }

  get count(): number {
    return this.eventIds.size;
  }

  build(base: { tenant: string; window: ReplayWindow; target: string; topics: string[]; types: string[]; dryRun: boolean; scannedFrom: Date; outcome?: 'delivered' | 'failed' }): Manifest {
    const countsByType = Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
    return {
      tenant: base.tenant,
      window: { from: base.window.from.toISOString(), to: base.window.to.toISOString() },
      target: base.target,
      topics: base.topics,
      types: base.types,
      count: this.eventIds.size,
      countsByType,
      sha256: eventIdsDigest([...this.eventIds]),
      dryRun: base.dryRun,
      outcome: base.outcome ?? 'delivered',
      scannedFrom: base.scannedFrom.toISOString(),
      createdAt: new Date().toISOString(),
    };
  }
}
