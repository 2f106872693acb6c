import type { OutgoingMessage } from '@eventline/kafka-port';
import { originalHeaders, type DeadLetter } from './dead-letter';

export const REDRIVEN_FROM_HEADER = 'dlq-redriven-from';

/**
 * The original message again: same key (so the same partition and order per tenant), value and
 * headers. The dlq-* headers go, earlier redrives' included, so a second failure is described
 * afresh; `dlq-redriven-from` says which dead letter this copy came from. The timestamp is the
 * broker's: the copy is a new record on the topic.
 */
export function redriveMessage(letter: DeadLetter, dlqTopic: string): OutgoingMessage {
  const { key, value, headers, offset } = letter.message;
  return { key, value, headers: { ...originalHeaders(headers), [REDRIVEN_FROM_HEADER]: `${dlqTopic}@${offset}` } };
}
