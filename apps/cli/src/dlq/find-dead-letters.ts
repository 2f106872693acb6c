import type { KafkaPort } from '@eventline/kafka-port';
import { toDeadLetter, type DeadLetter } from './dead-letter';
import { assertHolds, type DeadLetterTopic } from './dead-letter-topic';
import { readDeadLetters, throwawayRead } from './read-dead-letters';

/** The oldest dead letters, at most `max` of them, in offset order. */
export async function listDeadLetters(kafka: KafkaPort, dlq: DeadLetterTopic, max?: number): Promise<DeadLetter[]> {
  const letters: DeadLetter[] = [];
  await readDeadLetters(kafka, { topic: dlq.topic, from: dlq.oldest, to: dlq.end }, throwawayRead(), async (message) => {
    letters.push(toDeadLetter(message));
    return max !== undefined && letters.length >= max ? 'stop' : 'next';
  });
  return letters;
}

export async function findDeadLetter(kafka: KafkaPort, dlq: DeadLetterTopic, offset: bigint): Promise<DeadLetter | undefined> {
  assertHolds(dlq, offset);
  let found: DeadLetter | undefined;
  await readDeadLetters(kafka, { topic: dlq.topic, from: offset, to: offset + 1n }, throwawayRead(), async (message) => {
    found = toDeadLetter(message);
    return 'stop';
  });
  return found;
}
