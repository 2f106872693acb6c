import type { ModerationPolicy } from './policy';

/** Counts are taken in PostgreSQL by the caller (they span batches and partitions); the thresholds live here. */
export function isFlooding(messagesInWindow: number, policy: ModerationPolicy): boolean {
  return messagesInWindow > policy.velocity.maxMessages;
}

export function isBruteForce(failuresInWindow: number, policy: ModerationPolicy): boolean {
  return failuresInWindow >= policy.bruteForce.maxFailures;
}
