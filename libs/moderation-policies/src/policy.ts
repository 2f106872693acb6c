/** The tunable knobs of automatic moderation. Loaded from a JSON file so operators change them without a deploy. */
export interface ModerationPolicy {
  /** Terms a tenant never wants to see, matched as whole words, case-insensitively. */
  blockedTerms: string[];
  /** Whether the profanity library's English dataset is checked in addition to blockedTerms. */
  profanityFilter: boolean;
  /** A message with more links than this is link spam. */
  maxLinks: number;
  /** More than maxMessages messages from one user within windowSeconds is flooding. */
  velocity: { maxMessages: number; windowSeconds: number };
  /** maxFailures failed logins for one user, email or IP within windowSeconds looks like brute force. */
  bruteForce: { maxFailures: number; windowSeconds: number };
}

export const DEFAULT_POLICY: ModerationPolicy = {
  blockedTerms: [],
  profanityFilter: true,
  maxLinks: 3,
  velocity: { maxMessages: 10, windowSeconds: 60 },
  bruteForce: { maxFailures: 5, windowSeconds: 600 },
};

/** Overlays a partial policy (a parsed JSON file) on the defaults, rejecting values that would disable a check by accident. */
export function parsePolicy(input: unknown): ModerationPolicy {
  const raw = (input ?? {}) as Partial<ModerationPolicy>;
  const policy: ModerationPolicy = {
    blockedTerms: (raw.blockedTerms ?? DEFAULT_POLICY.blockedTerms).map((term) => String(term).trim().toLowerCase()).filter(Boolean),
    profanityFilter: raw.profanityFilter ?? DEFAULT_POLICY.profanityFilter,
    maxLinks: raw.maxLinks ?? DEFAULT_POLICY.maxLinks,
    velocity: { ...DEFAULT_POLICY.velocity, ...raw.velocity },
    bruteForce: { ...DEFAULT_POLICY.bruteForce, ...raw.bruteForce },
  };
  for (const [name, value] of [
    ['maxLinks', policy.maxLinks],
    ['velocity.maxMessages', policy.velocity.maxMessages],
    ['velocity.windowSeconds', policy.velocity.windowSeconds],
    ['bruteForce.maxFailures', policy.bruteForce.maxFailures],
    ['bruteForce.windowSeconds', policy.bruteForce.windowSeconds],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`moderation policy: ${name} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return policy;
}
