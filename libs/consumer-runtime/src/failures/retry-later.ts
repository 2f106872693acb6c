import type { FailureKind } from './classify';

/**
 * The failure policy's answer to a failed batch it will try again: the consumer pauses the
 * partition, re-reads it from `fromOffset` once `delayMs` has passed, and meanwhile every other
 * partition keeps flowing. Nothing sleeps inside a batch, so shutdown never waits on a backoff.
 */
export class RetryLater extends Error {
  override readonly name = 'RetryLater';

  constructor(
    readonly failure: unknown,
    readonly kind: FailureKind,
    readonly fromOffset: string,
    readonly delayMs: number,
    readonly attempt: number,
  ) {
    super(failure instanceof Error ? failure.message : String(failure), { cause: failure });
  }
}
