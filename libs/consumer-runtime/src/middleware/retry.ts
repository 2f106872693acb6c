import { setTimeout as sleep } from 'node:timers/promises';
import type { BatchContext, Middleware } from '../context';

export interface RetryOptions {
  initialDelayMs?: number;
  maxDelayMs?: number;
  onRetry?: (error: unknown, attempt: number, delayMs: number, context: BatchContext) => void;
}

/**
 * Transient faults (database or broker down) are retried with exponential backoff for as long as
 * they last: the batch is never skipped. Permanent faults never reach here; they are dead-lettered
 * further in. The heartbeat keeps the group from evicting this member while it waits.
 */
export function retryTransient(options: RetryOptions = {}): Middleware {
  const initial = options.initialDelayMs ?? 200;
  const max = options.maxDelayMs ?? 30_000;
  return async (context, next) => {
    const snapshot = { messages: context.messages };
    for (let attempt = 1; ; attempt++) {
      try {
        return await next();
      } catch (error) {
        const delay = Math.min(max, initial * 2 ** Math.min(attempt - 1, 16));
        options.onRetry?.(error, attempt, delay, context);
        context.messages = snapshot.messages;
        context.events = [];
        context.deadLetters = [];
        await sleep(delay);
        await context.heartbeat().catch(() => undefined);
      }
    }
  };
}
