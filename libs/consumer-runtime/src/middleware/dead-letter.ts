import type { Headers, ProducerPort } from '@eventline/kafka-port';
import type { BatchContext, DeadLetter, Middleware } from '../context';
import { RejectedEventError } from '../errors';

export const deadLetterTopic = (group: string) => `${group}.dlq`;

/**
 * Permanent faults go to the group's dead-letter topic and the partition moves on. A handler that
 * rejects one event (RejectedEventError) has its writes for the batch rolled back to a savepoint
 * and runs again without that event. Dead letters are sent before the batch commits, so a crash
 * can repeat a dead letter but never lose one.
 */
export function deadLetters(send: DeadLetterSender): Middleware {
  return async (context, next) => {
    for (;;) {
      await context.tx?.query('SAVEPOINT handler');
      try {
        await next();
        break;
      } catch (error) {
        if (!(error instanceof RejectedEventError)) throw error;
        await context.tx?.query('ROLLBACK TO SAVEPOINT handler');
        context.events = context.events.filter((event) => event !== error.event);
        context.deadLetters.push({ message: error.event.message, errorClass: error.name, reason: error.message });
      }
    }
    if (context.deadLetters.length > 0) await send(context, context.deadLetters);
  };
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
