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
 * reads and adds what it owns (Koa/Watermill style), so one handler signature serves all. What a
 * stage adds is in its type (`Middleware<In, Added>`), so a later stage or handler that needs it
 * says so in its context type and the pipeline builder checks the order.
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
  heartbeat(): Promise<void>;
}

/** What the transaction middleware adds: the batch's rows and its offset commit together. */
export interface Transactional {
  tx: PoolClient;
  /** Events (by offset) a handler rejected in an earlier attempt of this transaction, with their dead letters. */
  rejected: Map<string, DeadLetter>;
}

export type TransactionalContext = BatchContext & Transactional;

export type Next = () => Promise<void>;

/**
 * A stage of the pipeline around the handlers. `In` is the context it needs; `Added` is what it puts
 * on the context for the stages after it — a type-level note only (`__adds` is never set).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type Middleware<In extends BatchContext = BatchContext, Added extends object = {}> = ((context: In, next: Next) => Promise<void>) & { readonly __adds?: Added };

/** compose(a, b, c)(ctx) runs a → b → c; each decides whether and when to call the next. */
export function compose<C extends BatchContext>(middlewares: Array<Middleware<C, object>>): (context: C) => Promise<void> {
  return (context) => {
    const dispatch = (index: number): Promise<void> => (index < middlewares.length ? middlewares[index](context, () => dispatch(index + 1)) : Promise.resolve());
    return dispatch(0);
  };
}
