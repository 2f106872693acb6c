import type { Pool } from 'pg';
import { withTransaction } from '@eventline/persistence';
import type { BatchContext, DeadLetter, Middleware, Transactional } from '../context';
import { RejectedEventError } from '../errors';
import { rejectionLetter } from './dead-letter';

/**
 * One database transaction around the rest of the chain: rows and offsets commit together, or
 * neither does. When a handler rejects an event (RejectedEventError), the transaction is rolled
 * back and the batch runs again without it (`context.rejected`, dead-lettered by the dead-letter
 * middleware): rejections are rare, so they pay for a second transaction rather than every batch
 * paying for a savepoint.
 */
export function inTransaction(pool: Pool): Middleware<BatchContext, Transactional> {
  return async (batch, next) => {
    // Set for the stages after this one only: outside the transaction there is no client to use.
    const context = batch as BatchContext & Partial<Transactional>;
    const rejected = new Map<string, DeadLetter>();
    const lettersBefore = context.deadLetters;
    try {
      for (;;) {
        context.rejected = rejected;
        context.deadLetters = [...lettersBefore];
        try {
          await withTransaction(pool, async (client) => {
            context.tx = client;
            await next();
          });
          return;
        } catch (error) {
          if (!(error instanceof RejectedEventError)) throw error;
          const offset = error.event.message.offset;
          // The same event again would loop for ever: the handler rejected one it was not given.
          if (rejected.has(offset)) throw new Error(`the handler rejected offset ${offset} again after it was removed from the batch: ${error.message}`, { cause: error });
          rejected.set(offset, rejectionLetter(error));
        }
      }
    } finally {
      context.tx = undefined;
      context.rejected = undefined;
    }
  };
}
