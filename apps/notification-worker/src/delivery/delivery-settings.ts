/** Delivery tuning from the environment; tests shorten the backoff. */
export const deliverySettings = () => ({
  pollMs: Number(process.env.NOTIFICATION_POLL_MS ?? 500),
  batchSize: Number(process.env.NOTIFICATION_DELIVERY_BATCH ?? 20),
  maxAttempts: Number(process.env.NOTIFICATION_MAX_ATTEMPTS ?? 5),
  retryBaseMs: Number(process.env.NOTIFICATION_RETRY_BASE_MS ?? 2_000),
});

/** Exponential backoff: base, 2·base, 4·base, … after the 1st, 2nd, 3rd failed attempt. */
export const backoffMs = (attempts: number, baseMs: number) => baseMs * 2 ** Math.max(0, attempts - 1);

/**
 * A crash point for the test that kills the worker between an accepted email and its record:
 * with NOTIFICATION_TEST_HANG_AFTER_SEND=1 the worker stops right there until it is killed.
 */
export function hangAfterSendIfAsked(): Promise<void> {
  if (process.env.NOTIFICATION_TEST_HANG_AFTER_SEND !== '1') return Promise.resolve();
  return new Promise<void>(() => undefined);
}
