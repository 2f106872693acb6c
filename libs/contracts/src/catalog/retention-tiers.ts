const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long each tier keeps a domain's events in Kafka, as topic `retention.ms` (seed 003's table:
 * audit logs indefinite, system events 2 years, operational signals 30 days). `-1` is Kafka's
 * "never delete". A domain.json names its tier in `"retention"`.
 */
export const RETENTION_TIERS = {
  audit: '-1',
  system: String(730 * DAY_MS),
  operational: String(30 * DAY_MS),
} as const;

export type RetentionTier = keyof typeof RETENTION_TIERS;

export const isRetentionTier = (value: unknown): value is RetentionTier => typeof value === 'string' && Object.hasOwn(RETENTION_TIERS, value);

export const retentionMsOf = (tier: RetentionTier): string => RETENTION_TIERS[tier];
