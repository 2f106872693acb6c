/** Kafka's retention.ms for "never delete". */
export const KEEP_FOREVER = '-1';

const DAY_MS = 86_400_000;

/** Orders two retention.ms values by how long they keep data: -1 (never delete) outlasts any number. */
export function compareRetention(a: string, b: string): number {
  const length = (ms: string) => (ms === KEEP_FOREVER ? Number.POSITIVE_INFINITY : Number(ms));
  return Math.sign(length(a) - length(b)) || 0;
}

/** Whether `next` deletes data `current` would still keep: the one change that cannot be undone. */
export const shortens = (current: string, next: string): boolean => compareRetention(next, current) < 0;

/** What a retention.ms keeps, for people: `indefinite`, `2 years`, `7 days`, `1.5 hours`. */
export function retentionSpan(ms: string): string {
  if (ms === KEEP_FOREVER) return 'indefinite';
  const days = Number(ms) / DAY_MS;
  if (!Number.isFinite(days)) return 'unreadable';
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days >= 365 && Number.isInteger(days / 365)) return plural(days / 365, 'year');
  if (Number.isInteger(days)) return plural(days, 'day');
  return `${Number((Number(ms) / 3_600_000).toFixed(1))} hours`;
}
