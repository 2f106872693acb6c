/**
 * Seed 003 keeps an event's outcome (`status`, `error_message`, `ip_address`, `user_agent`) in
 * columns of its own, apart from `metadata`. The contracts put both in one payload record, so a
 * metadata key that means something else than the outcome field of the same name was renamed in
 * the contract. Callers keep the seed's keys; this is where they are translated.
 */
const RENAMED_METADATA_KEYS: Record<string, Record<string, string>> = {
  // The new post's own status ("draft"), not the event outcome.
  POST_CREATED: { status: 'post_status' },
};

export interface SeedMetadata {
  /** Payload fields, under the contract's names. */
  fields: Record<string, unknown>;
  /**
   * The seed's failure example repeats the error as `metadata.error_message`; that is the
   * contract's outcome field `error_message`, not a second one.
   */
  errorMessage: string | null;
}

export function translateSeedMetadata(eventName: string, metadata: Record<string, unknown> | null | undefined): SeedMetadata {
  const { error_message: errorMessage, ...rest } = metadata ?? {};
  const renames = RENAMED_METADATA_KEYS[eventName] ?? {};
  const fields = Object.fromEntries(Object.entries(rest).map(([key, value]) => [renames[key] ?? key, value]));
  return { fields, errorMessage: typeof errorMessage === 'string' ? errorMessage : null };
}
