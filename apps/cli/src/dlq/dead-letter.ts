import type { Headers, IncomingMessage } from '@eventline/kafka-port';

/** The headers the consumer runtime's dead-letter middleware adds; everything else came with the original. */
export const DLQ_HEADER_PREFIX = 'dlq-';

export interface DeadLetter {
  dlqOffset: string;
  failedAt?: string;
  errorClass?: string;
  reason?: string;
  /** Where the message was when it failed; absent when the dead letter lacks the headers. */
  original?: { topic: string; partition?: string; offset?: string };
  eventType?: string;
  message: IncomingMessage;
}

/** Reads a dead letter's story from its headers; missing headers stay undefined rather than failing. */
export function toDeadLetter(message: IncomingMessage): DeadLetter {
  const h = message.headers;
  const originalTopic = h['dlq-original-topic'];
  return {
    dlqOffset: message.offset,
    failedAt: h['dlq-failed-at'],
    errorClass: h['dlq-error-class'],
    reason: h['dlq-error-message'],
    original: originalTopic ? { topic: originalTopic, partition: h['dlq-original-partition'], offset: h['dlq-original-offset'] } : undefined,
    eventType: h.event_type,
    message,
  };
}

export const originalHeaders = (headers: Headers): Headers => Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(DLQ_HEADER_PREFIX)));

/** `topic/partition@offset`, the way the table and redrive lines name a message. */
export function describeOriginal(letter: DeadLetter): string {
  const original = letter.original;
  return original ? `${original.topic}/${original.partition ?? '?'}@${original.offset ?? '?'}` : '-';
}
