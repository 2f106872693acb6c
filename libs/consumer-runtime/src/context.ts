import type { PoolClient } from 'pg';
import type { EventEnvelopes, EventPayloads, EventType } from '@eventline/contracts';
import type { IncomingMessage } from '@eventline/kafka-port';

/** One event type's decoded event: envelope and payload are the generated contract types. */
export interface DecodedEventOf<T extends EventType> {
  eventType: T;
  eventId: string;
  tenantId: string;
  schemaId: number;
  /** The whole envelope, payload included, as the reader schema (the catalog's contract) shapes it. */
  envelope: EventEnvelopes[T];
  payload: EventPayloads[T];
  message: IncomingMessage;
}

/**
 * An event decoded with the writer's schema and resolved to the reader's (the catalog's) schema.
 * `DecodedEvent<'A' | 'B'>` is a union, so checking `eventType` narrows the envelope and payload.
 */
export type DecodedEvent<T extends EventType = EventType> = { [K in T]: DecodedEventOf<K> }[T];

/** An event as it arrives untyped (the decoder, tools reading raw records, tests): the catalog's contract vouches for its shape. */
export interface UntypedEvent {
  eventType: string;
  eventId: string;
  tenantId: string;
  schemaId: number;
  envelope: Record<string, unknown>;
  message: IncomingMessage;
}

export const decodedEvent = (event: UntypedEvent): DecodedEvent => ({ ...event, payload: event.envelope.payload }) as unknown as DecodedEvent;

/** The envelope as a plain record, for code generic over every event type (audit rows, payload paths named in data files). */
export const envelopeRecord = (event: DecodedEvent): Record<string, unknown> & { payload: Record<string, unknown> } =>
  event.envelope as unknown as Record<string, unknown> & { payload: Record<string, unknown> };

/** A message that can never be processed, bound for the group's dead-letter topic. */
export interface DeadLetter {
  message: IncomingMessage;
  errorClass: string;
  reason: string;
}

/**
 * Everything about one partition's batch as it moves through the middleware: each middleware
 * reads and adds what it owns (Koa/Watermill style), so one handler signature serves all.
 */
export interface BatchContext {
  group: string;
  topic: string;
  partition: number;
  /** The fetched messages still to process (already-processed ones are dropped by the offsets middleware). */
  messages: IncomingMessage[];
  /** Offset after the last fetched message: where the group resumes once this batch is done. */
  nextOffset: string;
  highWatermark: string;
  events: DecodedEvent[];
  deadLetters: DeadLetter[];
  /** Set by the transaction middleware: the batch's rows and its offset commit together. */
  tx?: PoolClient;
  /** Events (by offset) a handler rejected in an earlier attempt of this transaction, with their dead letters. */
  rejected?: Map<string, DeadLetter>;
  heartbeat(): Promise<void>;
}

export type Next = () => Promise<void>;
export type Middleware = (context: BatchContext, next: Next) => Promise<void>;

/** compose(a, b, c)(ctx) runs a → b → c; each decides whether and when to call the next. */
export function compose(middlewares: Middleware[]): (context: BatchContext) => Promise<void> {
  return (context) => {
    const dispatch = (index: number): Promise<void> => (index < middlewares.length ? middlewares[index](context, () => dispatch(index + 1)) : Promise.resolve());
    return dispatch(0);
  };
}
