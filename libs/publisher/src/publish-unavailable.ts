/**
 * The broker did not acknowledge the events within the publish budget, or refused them for a
 * reason that may pass (it is down, a leader is moving). Nothing says the events are on Kafka,
 * and nothing says they are not: send them again later, with the same event ids.
 */
export class PublishUnavailableError extends Error {
  override readonly name = 'PublishUnavailableError';
  readonly retriable = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** `work`, or a PublishUnavailableError once `budgetMs` have passed without it settling. */
export async function withinBudget<T>(work: Promise<T>, budgetMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PublishUnavailableError(`${what}: no acknowledgement from Kafka within the publish budget of ${budgetMs} ms`)), budgetMs);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
