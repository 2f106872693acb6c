export const COMPATIBILITY_LEVELS = ['NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE'] as const;

export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

export function asCompatibilityLevel(value: unknown): CompatibilityLevel {
  const level = String(value).toUpperCase();
  if (!(COMPATIBILITY_LEVELS as readonly string[]).includes(level)) {
    throw new Error(`Unknown compatibility level "${String(value)}"; expected one of ${COMPATIBILITY_LEVELS.join(', ')}`);
  }
  return level as CompatibilityLevel;
}
