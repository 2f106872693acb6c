import type { Headers, ProducerPort } from '@eventline/kafka-port';
import type { BatchContext, DeadLetter, Middleware, Transactional } from '../context';
import { RejectedEventError } from '../errors';

export const deadLetterTopic = (group: string) => `${group}.dlq`;

/**
 * Permanent faults go to the group's dead-letter topic and the partition moves on. A handler that
 * rejects one event (RejectedEventError) runs again without that event. Without a transaction
 * that happens here; inside one, the handler's writes cannot be undone one event at a time without
 * a savepoint per batch (a round trip on every batch for a rare case), so the error goes on to the
 * transaction middleware, which rolls back and runs the batch again with the event in
 * `context.rejected`. Dead letters are sent before the batch commits, so a crash can repeat a dead
 * letter but never lose one.
 */
/** Works with or without the transaction middleware before it, hence the optional `Transactional`. */
export function deadLetters(send: DeadLetterSender): Middleware<BatchContext & Partial<Transactional>> {
  return async (context, next) => {
    const rejected = context.rejected;
    if (rejected && rejected.size > 0) {
      context.events = context.events.filter((event) => !rejected.has(event.message.offset));
      context.deadLetters.push(...rejected.values());
    }
    for (;;) {
      try {
        await next();
        break;
      } catch (error) {
        if (!(error instanceof RejectedEventError) || context.tx) throw error;
        context.events = context.events.filter((event) => event !== error.event);
        context.deadLetters.push(rejectionLetter(error));
      }
    }
    if (context.deadLetters.length > 0) await send(context, context.deadLetters);
  };
}

export function rejectionLetter(error: RejectedEventError): DeadLetter {
  return { message: error.event.message, errorClass: error.name, reason: error.message };
}

export type DeadLetterSender = (context: BatchContext, letters: DeadLetter[]) => Promise<void>;

/** Letters keep the original key, so a tenant's dead letters stay in order on one partition. */
export function deadLetterSender(producer: ProducerPort): DeadLetterSender {
  return async (context, letters) => {
    await producer.send(
      deadLetterTopic(context.group),
      letters.map((letter) => ({ key: letter.message.key, value: letter.message.value, headers: deadLetterHeaders(context, letter) })),
    );
  };
}

function deadLetterHeaders(context: BatchContext, letter: DeadLetter): Headers {
  return {
    ...letter.message.headers,
    'dlq-error-class': letter.errorClass,
    'dlq-error-message': letter.reason.slice(0, 2_000),
    'dlq-original-topic': context.topic,
    'dlq-original-partition': String(context.partition),
    'dlq-original-offset': letter.message.offset,
    'dlq-original-timestamp': String(letter.message.timestamp),
    'dlq-group': context.group,
    'dlq-failed-at': new Date().toISOString(),
  };
}
